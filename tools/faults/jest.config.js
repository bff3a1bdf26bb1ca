module.exports = require('../../jest.preset').forProject(__dirname);
