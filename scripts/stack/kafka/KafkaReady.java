// Readiness probe for the local broker run by scripts/stack/kafka.sh, which compiles it once and
// runs it as `java -cp <classes>:kafka-clients.jar:slf4j-api.jar KafkaReady BOOTSTRAP SECONDS`.
//
// Why not kafka-topics (org.apache.kafka.tools.TopicCommand)? kafka-tools is not on Maven
// Central for every version that the broker is (it is missing for 4.4.0), and pulling a second
// Kafka version's jars just for a probe would mix versions; the Admin client in the broker's own
// kafka-clients jar makes the same metadata calls.
//
// An open port is not enough: a KRaft broker accepts connections before it has caught up with
// the metadata log and been unfenced. So this waits until the cluster reports at least one
// broker with a cluster id and a topic listing succeeds, retrying inside one JVM (cheaper than
// starting a JVM per attempt). Exit 0 = ready (one line on stdout), 1 = not ready in time.
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;

public class KafkaReady {
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: KafkaReady BOOTSTRAP SECONDS");
      System.exit(2);
    }
    String bootstrap = args[0];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));

    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "educube-kafka-ready");
    // Short timeouts and back-off: each attempt should fail fast while the broker boots.
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");

    String lastError = "no attempt made";
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        try {
          DescribeClusterResult cluster = admin.describeCluster();
          int brokers = cluster.nodes().get(5, TimeUnit.SECONDS).size();
          String clusterId = cluster.clusterId().get(5, TimeUnit.SECONDS);
          Set<String> topics =
              admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
          if (brokers > 0 && clusterId != null) {
            System.out.printf(
                "cluster %s: %d broker(s), %d topic(s)%n", clusterId, brokers, topics.size());
            return;
          }
          lastError = "cluster reported no brokers yet";
        } catch (Exception e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        Thread.sleep(250);
      }
    }
    System.err.println("broker at " + bootstrap + " not ready: " + lastError);
    System.exit(1);
  }
}
