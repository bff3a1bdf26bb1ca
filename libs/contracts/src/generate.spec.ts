import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ALL_EVENTS } from './events';
import { generateContractFiles } from './generate';

const root = join(__dirname, '..');

describe('generated contract documents', () => {
  const files = generateContractFiles();

  it('are committed and up to date (run `npm run contracts:generate` after changing a schema)', () => {
    const stale = [...files].filter(([path, content]) => !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== content).map(([p]) => p);
    expect(stale).toEqual([]);
  });

  it('leave no file behind for an event type that no longer exists', () => {
    const committed = readdirSync(join(root, 'generated', 'json-schema')).map((f) => `generated/json-schema/${f}`);
    expect(committed.filter((p) => !files.has(p))).toEqual([]);
  });

  it('describe every event type in AsyncAPI 3, on its family topic', () => {
    const doc = parse(files.get('generated/asyncapi.yaml')!) as {
      asyncapi: string;
      components: { messages: Record<string, { name: string }> };
      channels: Record<string, { address: string }>;
    };
    expect(doc.asyncapi).toBe('3.0.0');
    expect(
      Object.values(doc.components.messages)
        .map((m) => m.name)
        .sort(),
    ).toEqual(ALL_EVENTS.map((d) => d.type).sort());
    expect(doc.channels['timetabling']!.address).toBe('educube.timetabling.v1');
  });

  it('give each JSON Schema the envelope and a closed data object', () => {
    const schema = JSON.parse(files.get('generated/json-schema/cn.educube.space.LearningSpaceOpened.v1.json')!) as {
      required: string[];
      additionalProperties: boolean;
      properties: { type: { const: string }; data: { additionalProperties: boolean; required: string[] } };
    };
    expect(schema.required).toEqual(expect.arrayContaining(['specversion', 'id', 'source', 'type', 'time', 'subject', 'data']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.type.const).toBe('cn.educube.space.LearningSpaceOpened.v1');
    expect(schema.properties.data.additionalProperties).toBe(false);
    expect(schema.properties.data.required).toEqual(expect.arrayContaining(['spaceId', 'ownerRole', 'platformLevel', 'realName', 'openedOn']));
  });
});
