package hub.educube.sdkclient;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.message.MessageWriter;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.PartitionKeyExtensionInterceptor;
import io.cloudevents.core.message.Encoding;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one CloudEvent to the hub with the official CloudEvents SDK for Java, as a vendor's
 * producer would.
 *
 * <pre>
 *   java -jar educube-sdk-client.jar http-binary|http-structured  &lt;url&gt;     --token &lt;bearer&gt; --event &lt;file.json&gt;
 *   java -jar educube-sdk-client.jar kafka-binary|kafka-structured &lt;brokers&gt; --topic &lt;topic&gt;  --event &lt;file.json&gt;
 * </pre>
 *
 * The event file is one CloudEvent in the JSON format (structured form), read with the SDK's
 * Jackson format. HTTP modes print the status and the body of the answer (exit 0 on 2xx); Kafka
 * modes print the record's topic, partition and offset once the broker acknowledged it. The record
 * key is the event's subject, replaced by its {@code partitionkey} extension by the SDK's
 * {@link PartitionKeyExtensionInterceptor} where the event has one.
 */
public final class Send {
  private static final String USAGE =
      "usage: send http-binary|http-structured <url> --token <bearer> --event <file.json>\n"
          + "       send kafka-binary|kafka-structured <brokers> --topic <topic> --event <file.json>";

  public static void main(String[] args) throws Exception {
    if (args.length < 2) fail(USAGE);
    String mode = args[0];
    String target = args[1];
    String token = null, topic = null, eventFile = null;
    for (int i = 2; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) fail("missing value for " + flag + "\n" + USAGE);
      String value = args[++i];
      switch (flag) {
        case "--token" -> token = value;
        case "--topic" -> topic = value;
        case "--event" -> eventFile = value;
        default -> fail("unknown option " + flag + "\n" + USAGE);
      }
    }
    if (eventFile == null) fail("--event is required\n" + USAGE);
    EventFormat json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    if (json == null) fail("the SDK's JSON format is not on the class path");
    CloudEvent event = json.deserialize(Files.readAllBytes(Path.of(eventFile)));

    switch (mode) {
      case "http-binary", "http-structured" -> {
        if (token == null) fail("--token is required for HTTP\n" + USAGE);
        System.exit(overHttp(event, mode.equals("http-binary"), target, token, json));
      }
      case "kafka-binary", "kafka-structured" -> {
        if (topic == null) fail("--topic is required for Kafka\n" + USAGE);
        overKafka(event, mode.equals("kafka-binary") ? Encoding.BINARY : Encoding.STRUCTURED, target, topic);
      }
      default -> fail("unknown mode " + mode + "\n" + USAGE);
    }
  }

  /** cloudevents-http-basic writes the headers and the body; java.net.http sends them. */
  private static int overHttp(CloudEvent event, boolean binary, String url, String token, EventFormat json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("authorization", "Bearer " + token);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    MessageWriter<?, ?> writer = HttpMessageFactory.createWriter(request::header, bytes -> { if (bytes != null) body.writeBytes(bytes); });
    if (binary) writer.writeBinary(event);
    else writer.writeStructured(event, json);
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    System.out.println(response.statusCode());
    System.out.println(response.body());
    return response.statusCode() / 100 == 2 ? 0 : 1;
  }

  /** cloudevents-kafka's serializer writes the record (ce_ headers or the structured value). */
  private static void overKafka(CloudEvent event, Encoding encoding, String brokers, String topic) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "educube-sdk-java");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
    props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, PartitionKeyExtensionInterceptor.class.getName());
    props.put(CloudEventSerializer.ENCODING_CONFIG, encoding.name());
    props.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
    try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(props)) {
      RecordMetadata sent = producer.send(new ProducerRecord<>(topic, event.getSubject(), event)).get(30, TimeUnit.SECONDS);
      System.out.printf("{\"topic\":\"%s\",\"partition\":%d,\"offset\":%d}%n", sent.topic(), sent.partition(), sent.offset());
    }
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(2);
  }
}
