#!/usr/bin/env bash
# Try the Connect plugin locally, with nothing but Java, Maven, Node and this project:
# a real KRaft broker and a stock standalone Connect worker (both from the Maven jars), the archive unpacked on
# plugin.path, the ShopperTrak simulator and kinesis-local. Runs in the foreground; Ctrl-C stops everything.
#
#   scripts/connect-local.sh [LAST_POLL_DATE]      (default: four days ago; polls through yesterday)
#
# Then, in another shell: curl -s localhost:8083/connectors?expand=status
# Work files go to target/connect-local/ (broker data, worker offsets, logs).
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=target/connect-local
BROKER_PORT=${BROKER_PORT:-9092}
SIMULATOR_PORT=${SIMULATOR_PORT:-8089}
KINESIS_PORT=${KINESIS_PORT:-4568}
STREAM=${STREAM:-location-visits}
mkdir -p "$WORK"

zip=$(ls target/location-visits-connector-*.zip 2>/dev/null | head -1 || true)
if [[ -z "$zip" || ! -f target/location-visits-poller.jar ]]; then
  mvn -B -q package -DskipTests
  zip=$(ls target/location-visits-connector-*.zip | head -1)
fi
rm -rf "$WORK/plugins" && mkdir -p "$WORK/plugins" && unzip -q -o "$zip" -d "$WORK/plugins"
[[ -d test-stand-ins/node_modules/kinesis-local ]] || (cd test-stand-ins && npm ci --no-audit --no-fund)

# Kafka's broker and worker classes (and their dependencies) from the local Maven repository.
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
# Without this project's own classes (the connectors must come from plugin.path) and without test jars.
CP=$(tr ':' '\n' < "$WORK/classpath.txt" | grep -v -e "$(pwd)/target" -e '-test\.jar$' | paste -sd: -)
cat > "$WORK/logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.locationvisits" level="INFO"/>
  <logger name="org.apache.kafka.connect.runtime.Worker" level="INFO"/>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
LOG="-Dlogback.configurationFile=$(pwd)/$WORK/logback.xml"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

cat > "$WORK/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$((BROKER_PORT + 1))
listeners=PLAINTEXT://127.0.0.1:${BROKER_PORT},CONTROLLER://127.0.0.1:$((BROKER_PORT + 1))
controller.listener.names=CONTROLLER
log.dirs=$(pwd)/$WORK/kafka-data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
if [[ ! -f "$WORK/kafka-data/meta.properties" ]]; then
  java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid)" \
       -c "$WORK/server.properties" --standalone >/dev/null
fi
java -Xmx512m "$LOG" -cp "$CP" kafka.Kafka "$WORK/server.properties" > "$WORK/broker.log" 2>&1 & pids+=($!)

java -jar target/location-visits-poller.jar simulator --port "$SIMULATOR_PORT" --sites 5 \
     > "$WORK/simulator.log" 2>&1 & pids+=($!)

KINESIS_MOCK_CERT_PATH="$(pwd)/test-stand-ins/node_modules/kinesis-local/server.json" \
KINESIS_MOCK_PLAIN_PORT=$KINESIS_PORT KINESIS_MOCK_TLS_PORT=$((KINESIS_PORT + 1)) LOG_LEVEL=WARN \
INITIALIZE_STREAMS="$STREAM:1" \
  node test-stand-ins/node_modules/kinesis-local/main.js > "$WORK/kinesis.log" 2>&1 & pids+=($!)

until (exec 3<>/dev/tcp/127.0.0.1/"$BROKER_PORT") 2>/dev/null; do sleep 0.5; done
until curl -sf "http://127.0.0.1:$KINESIS_PORT/healthcheck" >/dev/null; do sleep 0.5; done

# The shipped configs, unchanged but for where the broker and plugins are; the rest comes from the environment.
sed -e "s|^bootstrap.servers=.*|bootstrap.servers=127.0.0.1:${BROKER_PORT}|" \
    -e "s|^plugin.path=.*|plugin.path=$(pwd)/$WORK/plugins|" \
    -e "s|^offset.storage.file.filename=.*|offset.storage.file.filename=$(pwd)/$WORK/connect.offsets|" \
    standalone.properties > "$WORK/standalone.properties"

export SHOPPERTRAK_API_BASE_URL="http://127.0.0.1:${SIMULATOR_PORT}/Traffic/Customer/v1.0/service/"
export SHOPPERTRAK_USERNAME=simulator SHOPPERTRAK_PASSWORD=simulator
export LAST_POLL_DATE=${1:-$(date -d '4 days ago' +%F)}
export KINESIS_STREAM_ARN=$STREAM
export AWS_ENDPOINT_URL_KINESIS="http://127.0.0.1:${KINESIS_PORT}" AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local

echo "Broker 127.0.0.1:$BROKER_PORT, simulator :$SIMULATOR_PORT, kinesis-local :$KINESIS_PORT (stream $STREAM)."
echo "Worker REST API on http://127.0.0.1:8083 (logs in $WORK/). Ctrl-C stops everything."
java -Xmx768m "$LOG" -cp "$CP" org.apache.kafka.connect.cli.ConnectStandalone "$WORK/standalone.properties" \
     connector-config/shoppertrak-source.properties connector-config/kinesis-sink.properties & pids+=($!)
wait "${pids[-1]}"
