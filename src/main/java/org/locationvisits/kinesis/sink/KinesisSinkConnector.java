package org.locationvisits.kinesis.sink;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.locationvisits.Version;

/**
 * Forwards LocationVisits records from Kafka topics to a Kinesis stream as schemaless Avro, the same bytes
 * the main job sends. Works with any converter that yields a LocationVisits Struct (JSON with schemas, Avro)
 * or a map (JSON without schemas). Tasks scale with the topic's partitions.
 */
public class KinesisSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new KinesisSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return KinesisSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return KinesisSinkConfig.CONFIG_DEF;
    }
}
