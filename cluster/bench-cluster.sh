#!/usr/bin/env bash
# Measures the cost of distribution on this machine (not part of the test suite; docs/benchmarks.md#spark-cluster):
# a local standalone cluster (2 workers x 1 core, `optaic cluster start`) against Spark local[2], for
#   1. the 101 Alpha101 formulas over a synthetic panel (`eval --engine spark --synthetic AxD:42`), the cluster run
#      through `optaic spark-submit` of the assembly jar in client mode;
#   2. the 1,000-combination backtest sweep of the backtest bench (BacktestBench: BenchCommand backtest --master URL).
# Usage: cluster/bench-cluster.sh [ALPHA_SIZE [SWEEP_ASSETS SWEEP_DAYS]]   (defaults 2000x2520, 500 2520);
# OPTAIC_BENCH=sweep skips the Alpha101 part. OPTAIC_ALPHA101 names the formulas file (default ../shared/data/alpha101.tsv: number TAB formula per line).
# Prints one line per measurement with wall seconds, and the load before and after. The cluster runs under
# cluster/target/bench-home (its own OPTAIC_HOME) and is stopped on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-2000x2520}"
sweep_assets="${2:-500}"
sweep_days="${3:-2520}"
export OPTAIC_HOME="$root/cluster/target/bench-home"
work="$(mktemp -d)"
jar="$root/cluster/target/optaic-cluster.jar"
trap '"$root/bin/optaic" cluster stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

while IFS=$'\t' read -r n expr; do
  printf 'alpha%03d = %s\n' "$((10#$(echo "$n" | tr -d ' ')))" "$expr"
done < "${OPTAIC_ALPHA101:-$root/../shared/data/alpha101.tsv}" > "$work/alpha101.expr"

now() { date +%s.%N; }
say() { echo "$(date -u +%FT%TZ) $*"; }
say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"

master="$("$root/bin/optaic" cluster start --workers 2 --cores 1 --memory 1g --json \
  | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["master"])')"
say "cluster $master"
spark_conf=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1
  --conf spark.executor.memory=768m --conf spark.executor.cores=1)

if [ "${OPTAIC_BENCH:-all}" != sweep ]; then  # OPTAIC_BENCH=sweep measures the sweep only
# The panel as a dataset both engines read (eval --engine spark reads Parquet, not --synthetic)
"$root/bin/optaic" ingest --dataset market --root "$work/root" --synthetic "$size:42" >/dev/null
input=(--dataset market --root "$work/root" --expr-file "$work/alpha101.expr")

t0="$(now)"
JAVA_OPTS="-Xmx6g" "$root/bin/optaic" eval --engine spark --master 'local[2]' "${input[@]}" \
  --out "$work/local.parquet" >/dev/null
say "alpha101 $size local[2]: $(echo "$(now) - $t0" | bc) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"

t0="$(now)"
"$root/bin/optaic" spark-submit --master "$master" --deploy-mode client --driver-memory 6g "${spark_conf[@]}" \
  "$jar" eval --engine spark "${input[@]}" --out "$work/cluster.parquet" >/dev/null 2>"$work/submit.log" \
  || { tail -20 "$work/submit.log"; exit 1; }
grep -h 'rows x' "$work/submit.log" || true
say "alpha101 $size cluster 2x1: $(echo "$(now) - $t0" | bc) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
# a directory of part files each (or one file)
diff -rq "$work/local.parquet" "$work/cluster.parquet" >/dev/null && say "alpha101 outputs: byte-identical" \
  || say "alpha101 outputs: the files differ"
rm -rf "$work/local.parquet" "$work/cluster.parquet" "$work/root"
fi

# The backtest bench from the test class path, in a JVM of its own (the exec plugin of -Dbench= needs the network)
(cd "$root" && mvn -B -o -q -pl jobs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null)
classpath="$root/jobs/target/test-classes:$root/jobs/target/classes:$(cat "$root/jobs/target/test-classpath.txt")"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
for m in 'local[2]' "$master"; do
  t0="$(now)"
  java -Xmx3g "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false -XX:+UseParallelGC -Doptaic.cluster.jar="$jar" \
    -Dspark.driver.host=127.0.0.1 -Dspark.executor.memory=768m -cp "$classpath" com.optaic.jobs.bench.BenchCommand \
    backtest --master "$m" --assets "$sweep_assets" --days "$sweep_days" 2>/dev/null | sed 's/^/    /'
  say "sweep 1000 x ${sweep_assets}x$sweep_days $m: $(echo "$(now) - $t0" | bc) s wall (JVM included); load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
