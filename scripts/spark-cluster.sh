#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the Spark jars Maven resolved for the spark
# module (no Spark installation): one master and N workers, each a JVM of its own, on 127.0.0.1.
#   scripts/spark-cluster.sh start DIR [WORKERS=2] [CORES_PER_WORKER=1] [MASTER_PORT=7077]
#   scripts/spark-cluster.sh submit DIR JOB_ARGUMENTS...   (for example: submit DIR score --input ...)
#   scripts/spark-cluster.sh stop DIR
# `start` prints the master URL once every worker has registered; logs and the workers' work
# folders (where executors keep the jar and the model they fetched) are in DIR. `submit` runs the
# job jar (JOB_JAR, default spark/target/deepsentiment-spark.jar) with spark-submit's main class
# on that cluster, the driver here, one executor per worker (EXECUTOR_MEMORY, default 1g;
# DRIVER_MEMORY, default 1g); the job's summary line is its standard output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
action=${1:?start or stop}
dir=${2:?a directory for logs and work folders}

if [ "$action" = stop ]; then
  for pid_file in "$dir"/*.pid; do
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    # a worker's executors are its children: stop the whole process group
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    rm -f "$pid_file"
  done
  exit 0
fi

java_options=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$root/spark/pom.xml")

if [ "$action" = submit ]; then
  shift 2
  read -r master cores total < "$dir/cluster"
  # shellcheck disable=SC2086
  SPARK_LOCAL_IP=127.0.0.1 exec java -Xmx"${DRIVER_MEMORY:-1g}" $java_options \
    -Dlog4j2.configurationFile="$root/spark/conf/log4j2.properties" -cp "$dir/spark-home/jars/*" \
    org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client --class io.deepsentiment.spark.Main \
    --executor-memory "${EXECUTOR_MEMORY:-1g}" --executor-cores "$cores" --total-executor-cores "$total" \
    --conf spark.ui.enabled=false "${JOB_JAR:-$root/spark/target/deepsentiment-spark.jar}" "$@"
fi

workers=${3:-2}
cores=${4:-1}
port=${5:-7077}
classpath_file="$root/spark/target/spark-classpath.txt"
[ -f "$classpath_file" ] || (cd "$root" && mvn -q -B -DskipTests -pl spark -am package) >&2
mkdir -p "$dir/spark-home/jars"
# Workers start executors with SPARK_HOME/jars on their class path: a SPARK_HOME of links to the jars.
tr ':' '\n' < "$classpath_file" | while read -r jar; do ln -sf "$jar" "$dir/spark-home/jars/"; done
# (SPARK_SCALA_VERSION: a real installation says it by its folder layout)
export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
classpath="$dir/spark-home/jars/*"

daemon() { # name, class, arguments...
  local name=$1
  shift
  # shellcheck disable=SC2086
  setsid java -Xmx512m $java_options -cp "$classpath" "$@" > "$dir/$name.log" 2>&1 &
  echo $! > "$dir/$name.pid"
}
wait_for() { # log file, text
  for _ in $(seq 1 120); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "timed out waiting for '$2' in $1" >&2
  tail -20 "$1" >&2
  exit 1
}

daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
wait_for "$dir/master.log" "I have been elected leader"
for i in $(seq 1 "$workers"); do
  daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
    --cores "$cores" --memory 3g --work-dir "$dir/worker-$i" "spark://127.0.0.1:$port"
done
for i in $(seq 1 "$workers"); do
  wait_for "$dir/worker-$i.log" "Successfully registered with master"
done
echo "spark://127.0.0.1:$port $cores $((workers * cores))" > "$dir/cluster"
echo "spark://127.0.0.1:$port"
