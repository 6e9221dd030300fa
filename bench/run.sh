#!/usr/bin/env bash
# Performance benchmark of cam-maven-plugin. Not part of 'mvn verify'; README.md, "Performance", shows
# the figures of one run and what they mean.
#
# Everything runs on this machine over loopback, against LoopbackSink (bench/src): a stand-in for the
# Confluent API's presign call and for S3 that parses the multipart body as it arrives, MD5s the file
# part, throws the bytes away and answers 204 with that MD5 as the ETag. It measures
#   1. the plugin's uploader (HttpClientFactory + PresignedPostUpload, what cam:upload runs; a fresh JVM
#      per round) against curl posting the same form fields and file to the same sink, at loopback speed
#      and through a sink that reads no faster than a real link (--link, Mbit/s);
#   2. the plugin's fixed cost in a whole 'mvn deploy' of examples/uppercase-connector: the same build
#      with the goal and with -Dcam.skip, alternating;
#   3. the Maven JVM's heap when 'mvn deploy' uploads a small and a large archive under -Xmx128m.
# It exits non-zero when any upload or build fails. Temporary files live in one directory under
# ${TMPDIR:-/tmp}, removed on exit, also on Ctrl-C.
set -euo pipefail

size=1G
rounds=3
deploy_rounds=5
heap_small=100M
link=1000
build=true
keep=false
usage() {
  cat <<EOF
usage: bench/run.sh [--size 1G] [--rounds 3] [--deploy-rounds 5] [--heap-small 100M] [--link 1000] [--no-build] [--keep]
  --size           archive size for the uploader-vs-curl rounds and the large heap run (K, M, G = powers of 1024)
  --rounds         rounds of each uploader and curl (median reported)
  --deploy-rounds  rounds of each 'mvn deploy' with the goal and with -Dcam.skip
  --heap-small     the small archive of the heap comparison
  --link           Mbit/s of the paced sink for the link-speed comparison (0 skips it)
  --no-build       use target/cam-maven-plugin-*.jar as it is instead of running 'mvn package'
  --keep           keep the temporary directory (logs, archives) and print its path
EOF
}
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --deploy-rounds) deploy_rounds="$2"; shift 2 ;;
    --heap-small) heap_small="$2"; shift 2 ;;
    --link) link="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

bytes_of() {
  local n="${1%[KkMmGg]}" unit="${1: -1}"
  case "$unit" in
    K|k) echo $((n * 1024)) ;;
    M|m) echo $((n * 1024 * 1024)) ;;
    G|g) echo $((n * 1024 * 1024 * 1024)) ;;
    *) echo "$1" ;;
  esac
}
size_bytes="$(bytes_of "$size")"
heap_small_bytes="$(bytes_of "$heap_small")"

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cam-bench.XXXXXX")"
sink_pids=()
cleanup() {
  for pid in "${sink_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$keep" = true ]; then
    echo "Kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "FAILED: $1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    echo "--- last lines of $2" >&2
    tail -n 40 "$2" >&2
  fi
  exit 1
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"NOT met\" }"; }
now() { date +%s.%N; }
ticks_per_second="$(getconf CLK_TCK)"
cpu_of() { awk -v hz="$ticks_per_second" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

maven_home="$root/target/it-maven/apache-maven-3.9.16"
echo "== Machine"
echo "cpus: $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "java: $(java -version 2>&1 | head -n 2 | tail -n 1)"
echo "curl: $(curl --version | head -n 1 | cut -d' ' -f1-2)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work directory: $work"

echo "== Building the plugin and the benchmark"
cd "$root"
if [ "$build" = true ]; then
  mvn -B -q package -DskipTests -Dinvoker.skip=true >"$work/build.log" 2>&1 || fail "mvn package" "$work/build.log"
fi
plugin_jar="$(ls "$root"/target/cam-maven-plugin-*.jar | grep -v -e sources -e javadoc | head -n 1)"
[ -x "$maven_home/bin/mvn" ] || fail "$maven_home is missing; run without --no-build once"
mvn -B -q dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/runtime.classpath" \
  >"$work/classpath.log" 2>&1 || fail "mvn dependency:build-classpath" "$work/classpath.log"
plugin_classpath="$plugin_jar:$(cat "$work/runtime.classpath")"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$plugin_classpath" "$root"/bench/src/*.java
echo "plugin: $plugin_jar"
echo "Maven for the deploy builds: $("$maven_home/bin/mvn" -v | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')"

start_sink() { # name, extra args...; sets sink_port and sink_pid
  local name="$1"
  shift
  # A heap far smaller than the archive: a sink that held the body would fail.
  java -Xmx32m -cp "$work/classes" LoopbackSink "$work/$name.port" "$work/$name.form" "$@" \
    >"$work/$name.log" 2>&1 &
  sink_pid=$!
  sink_pids+=("$sink_pid")
  for _ in $(seq 1 100); do
    [ -f "$work/$name.port" ] && break
    kill -0 "$sink_pid" 2>/dev/null || fail "the sink did not start" "$work/$name.log"
    sleep 0.1
  done
  [ -f "$work/$name.port" ] || fail "the sink did not start within 10 s" "$work/$name.log"
  sink_port="$(cat "$work/$name.port")"
}
start_sink sink
sink="$sink_pid"
port="$sink_port"
start_sink bare --no-md5
bare="$sink_pid"
if [ "$link" != 0 ]; then
  start_sink link --rate $((link * 1000000 / 8))
  paced="$sink_pid"
fi

echo "== Archives"
archive="$work/archive-$size.zip"
small_archive="$work/archive-$heap_small.zip"
java -cp "$work/classes" SyntheticArchive "$archive" "$size_bytes"
java -cp "$work/classes" SyntheticArchive "$small_archive" "$heap_small_bytes"
# Reading them once here also puts both in the page cache, so no round pays for the disk.
md5sum "$small_archive" >/dev/null
t0="$(now)"
archive_md5="$(md5sum "$archive" | cut -d' ' -f1)"
t1="$(now)"
md5sum_seconds="$(calc %.2f "$t1 - $t0")"
echo "$archive: $size_bytes bytes, md5 $archive_md5"
echo "md5sum of it took $md5sum_seconds s on one core: the sink's share of every round below"
echo "$small_archive: $heap_small_bytes bytes"

# One round of each client; appends "<seconds> <process seconds> <client cpu> <sink cpu>" to a file.
uploader_round() { # sink-name sink-pid results-file
  local out="$work/uploader.out" times="$work/uploader.times" before after
  before="$(cpu_of "$2")"
  { time java -cp "$work/classes:$plugin_classpath" UploaderRound "$work/$1.form" "$archive" \
      >"$out" 2>"$work/uploader.err"; } 2>"$times" || fail "uploader round against $1" "$work/uploader.err"
  after="$(cpu_of "$2")"
  local seconds md5
  seconds="$(sed -n 's/^seconds=\([0-9.]*\) .*/\1/p' "$out")"
  md5="$(sed -n 's/.* md5=\([0-9a-f]*\)$/\1/p' "$out")"
  [ "$md5" = "$archive_md5" ] || fail "the uploader sent MD5 $md5, the archive's is $archive_md5"
  read -r wall user sys <"$times"
  echo "$seconds $wall $(calc %.2f "$user + $sys") $(calc %.2f "$after - $before")" >>"$3"
}
curl_round() { # sink-name sink-pid results-file
  local form="$work/$1.form" headers="$work/curl.headers" times="$work/curl.times" url before after
  local args=()
  { read -r url; while IFS=$'\t' read -r name value; do args+=(--form-string "$name=$value"); done; } <"$form"
  before="$(cpu_of "$2")"
  { time curl -sS -o /dev/null -D "$headers" -w '%{http_code} %{time_total}\n' "${args[@]}" \
      -F "file=@$archive;type=application/octet-stream" "$url" >"$work/curl.out" 2>"$work/curl.err"; } \
    2>"$times" || fail "curl round against $1" "$work/curl.err"
  after="$(cpu_of "$2")"
  local status seconds etag
  read -r status seconds <"$work/curl.out"
  [ "$status" = 204 ] || fail "curl got HTTP $status" "$work/$1.log"
  etag="$(tr -d '\r"' <"$headers" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')"
  if [ "$1" != bare ] && [ "$etag" != "$archive_md5" ]; then
    fail "the sink's ETag for curl's upload is '$etag', the archive's MD5 is $archive_md5"
  fi
  read -r wall user sys <"$times"
  echo "$seconds $wall $(calc %.2f "$user + $sys") $(calc %.2f "$after - $before")" >>"$3"
}
column_median() { awk -v c="$1" '{ print $c }' "$2" | median; }
show_rounds() { # label file
  local i=0
  while read -r seconds wall client sinkcpu; do
    i=$((i + 1))
    printf '  %-8s round %d: %6.2f s  (%4.0f MiB/s; process %5.2f s, client CPU %5.2f s, sink CPU %5.2f s)\n' \
      "$1" "$i" "$seconds" "$(calc %.1f "$size_bytes / 1048576 / $seconds")" "$wall" "$client" "$sinkcpu"
  done <"$2"
}

TIMEFORMAT='%R %U %S'
compare() { # sink-name sink-pid label
  local up="$work/$1.uploader" cu="$work/$1.curl"
  : >"$up"
  : >"$cu"
  for _ in $(seq 1 "$rounds"); do
    # Alternating spreads whatever else the machine is doing over both clients.
    uploader_round "$1" "$2" "$up"
    curl_round "$1" "$2" "$cu"
  done
  show_rounds uploader "$up"
  show_rounds curl "$cu"
  up_median="$(column_median 1 "$up")"
  curl_median="$(column_median 1 "$cu")"
  ratio="$(calc %.2f "$up_median / $curl_median")"
  printf '  median: uploader %.2f s, curl %.2f s, ratio %s (%s)\n' "$up_median" "$curl_median" "$ratio" "$3"
}

echo "== 1. Upload of $size ($size_bytes bytes), plugin uploader vs curl, $rounds rounds each, fresh JVM per uploader round"
echo "uploader time: PresignedPostUpload.upload() inside its JVM (HttpClient loading and warm-up included,"
echo "JVM start excluded); curl time: its time_total. 'process' is the whole command's wall time."
echo "-- against the sink (MD5 of the file part, ETag checked by both)"
compare sink "$sink" "target: ratio <= 1.10"
upload_ratio="$ratio"
upload_up="$up_median"
upload_curl="$curl_median"
echo "-- the same against the sink with --no-md5 (no ETag): what the clients cost when the sink's MD5 does"
echo "   not compete with them for the CPU. curl computes no digest; the uploader computes MD5 and SHA-256."
compare bare "$bare" "informative"
bare_ratio="$ratio"
bare_up="$up_median"
bare_curl="$curl_median"
if [ "$link" != 0 ]; then
  echo "-- the same against a sink that reads no faster than a $link Mbit/s link (MD5 and ETag as above):"
  echo "   the wire, not the CPU, sets the pace, as on a real network"
  compare link "$paced" "target: ratio <= 1.10"
  link_ratio="$ratio"
  link_up="$up_median"
  link_curl="$curl_median"
fi

echo "== 2. Fixed cost of the goal in 'mvn deploy' of examples/uppercase-connector, $deploy_rounds rounds each"
repo="$work/repository"
project="$work/project"
cp -r "$root/examples/uppercase-connector" "$project"
export CONFLUENT_CLOUD_API_KEY=BENCHKEY00000001 CONFLUENT_CLOUD_API_SECRET=bench-secret-not-a-real-one
# The plugin goes into a repository of this run only; everything else is read from ~/.m2.
maven=("$maven_home/bin/mvn" -B -nsu "-Dmaven.repo.local=$repo" "-Dmaven.repo.local.tail=$HOME/.m2/repository")
"${maven[@]}" -q -f "$root/pom.xml" install:install-file -Dfile="$plugin_jar" -DpomFile="$root/pom.xml" \
  >"$work/install.log" 2>&1 || fail "installing the plugin into $repo" "$work/install.log"
deploy() { # log, extra args...
  local log="$1"
  shift
  "${maven[@]}" -f "$project/pom.xml" clean deploy -Dcam.apiUrl="http://127.0.0.1:$port" \
    -Dcam.environment=env-bench "$@" >"$log" 2>&1 || fail "mvn deploy $*" "$log"
}
uploads_so_far() { grep -c '^upload ' "$work/sink.log" || true; }
connections_so_far() { grep -c '^connection ' "$work/sink.log" || true; }
# Warm-up builds (not counted): the file system cache, and anything missing from ~/.m2.
deploy "$work/deploy-warmup.log"
deploy "$work/skip-warmup.log" -Dcam.skip
: >"$work/deploy.times"
: >"$work/skip.times"
: >"$work/diff.times"
connections=""
for i in $(seq 1 "$deploy_rounds"); do
  uploads="$(uploads_so_far)"
  opened="$(connections_so_far)"
  t0="$(now)"
  deploy "$work/deploy-$i.log"
  t1="$(now)"
  grep -q 'upload_id=' "$work/deploy-$i.log" || fail "no upload_id in the build log" "$work/deploy-$i.log"
  [ "$(uploads_so_far)" -eq $((uploads + 1)) ] || fail "the sink did not receive exactly one upload" "$work/sink.log"
  connections="$connections $(( $(connections_so_far) - opened ))"
  calc '%.3f\n' "$t1 - $t0" >>"$work/deploy.times"
  t0="$(now)"
  deploy "$work/skip-$i.log" -Dcam.skip
  t1="$(now)"
  grep -q 'upload_id=' "$work/skip-$i.log" && fail "-Dcam.skip uploaded" "$work/skip-$i.log"
  calc '%.3f\n' "$t1 - $t0" >>"$work/skip.times"
  # The two builds of a round run back to back, so their difference is the least disturbed by whatever
  # else slows the machine for a while; one slow build shifts one difference, not a whole median.
  calc '%.3f\n' "$(tail -n 1 "$work/deploy.times") - $(tail -n 1 "$work/skip.times")" >>"$work/diff.times"
  printf '  round %d: with the goal %.2f s, with -Dcam.skip %.2f s, difference %.2f s\n' "$i" \
    "$(tail -n 1 "$work/deploy.times")" "$(tail -n 1 "$work/skip.times")" "$(tail -n 1 "$work/diff.times")"
done
deploy_median="$(median <"$work/deploy.times")"
skip_median="$(median <"$work/skip.times")"
fixed_cost="$(calc %.2f "$(median <"$work/diff.times")")"
diff_range="$(sort -n "$work/diff.times" | sed -n '1p;$p' | paste -sd' ' | awk '{ printf "%.2f to %.2f", $1, $2 }')"
printf '  median of the differences: fixed cost %s s (range %s s; target <= 1.0 s)\n' "$fixed_cost" "$diff_range"
printf '  medians of the builds: with the goal %.2f s, with -Dcam.skip %.2f s\n' "$deploy_median" "$skip_median"
echo "  connections the sink accepted per build (presign + upload):$connections"

echo "== 3. Heap of 'mvn deploy' under MAVEN_OPTS=-Xmx128m"
heap_run() { # archive label; writes "<peak MiB> <max live MiB> <gc count>" to $work/heap-<label>
  local gc="$work/gc-$2.log" exitlog="$work/heap-exit-$2.log" log="$work/heap-$2.log" saved="${MAVEN_OPTS:-}"
  export MAVEN_OPTS="-Xmx128m -Xlog:gc:file=$gc -Xlog:gc+heap+exit:file=$exitlog"
  deploy "$log" -Dcam.file="$1"
  export MAVEN_OPTS="$saved"
  grep -q 'upload_id=' "$log" || fail "no upload_id in the build log" "$log"
  grep -q "size=$(stat -c %s "$1") bytes" "$log" || fail "the build did not upload $1" "$log"
  # G1 logs "<before>M-><after>M(<committed>M)" per collection; the heap is fullest just before one.
  local before after at_exit
  before="$(grep -oE '[0-9]+M->[0-9]+M\(' "$gc" | sed 's/M->.*//' | sort -n | tail -n 1)"
  after="$(grep -oE '[0-9]+M->[0-9]+M\(' "$gc" | sed 's/.*->//; s/M(//' | sort -n | tail -n 1)"
  at_exit="$(grep -oE 'used [0-9]+K' "$exitlog" | head -n 1 | tr -dc '0-9')"
  at_exit="$(calc %.0f "${at_exit:-0} / 1024")"
  local peak="${before:-0}"
  [ "$at_exit" -gt "$peak" ] && peak="$at_exit"
  echo "$peak ${after:-0} $(grep -c 'Pause' "$gc" || true)" >"$work/heap-$2"
}
heap_run "$small_archive" small
heap_run "$archive" large
read -r small_peak small_live small_gcs <"$work/heap-small"
read -r large_peak large_live large_gcs <"$work/heap-large"
printf '  %-24s %14s %14s\n' "archive" "$heap_small" "$size"
printf '  %-24s %10s MiB %10s MiB\n' "peak heap used" "$small_peak" "$large_peak"
printf '  %-24s %10s MiB %10s MiB\n' "max live after a GC" "$small_live" "$large_live"
printf '  %-24s %14s %14s\n' "collections" "$small_gcs" "$large_gcs"

echo
echo "== Summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
printf 'upload %s, median of %d: plugin uploader %.2f s, curl %.2f s, ratio %s (target <= 1.10: %s)\n' \
  "$size" "$rounds" "$upload_up" "$upload_curl" "$upload_ratio" "$(verdict "$upload_ratio <= 1.10")"
printf '  same without the sink'"'"'s MD5: uploader %.2f s, curl %.2f s, ratio %s\n' "$bare_up" "$bare_curl" "$bare_ratio"
if [ "$link" != 0 ]; then
  printf '  same at %s Mbit/s: uploader %.2f s, curl %.2f s, ratio %s (target <= 1.10: %s)\n' "$link" "$link_up" \
    "$link_curl" "$link_ratio" "$(verdict "$link_ratio <= 1.10")"
fi
printf 'mvn deploy fixed cost, median of %d paired differences: %s s (range %s s; target <= 1.0 s: %s)\n' \
  "$deploy_rounds" "$fixed_cost" "$diff_range" "$(verdict "$fixed_cost <= 1.0")"
printf 'mvn deploy under -Xmx128m: peak heap %s MiB with %s, %s MiB with %s (max live %s / %s MiB); both uploads succeeded\n' \
  "$small_peak" "$heap_small" "$large_peak" "$size" "$small_live" "$large_live"
