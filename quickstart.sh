#!/usr/bin/env bash
# Quick start: a real upload through the local sandbox, no Confluent account needed.
# Builds and installs the plugin, starts the sandbox (a stand-in for the Confluent API that hands out
# real SigV4 POST policies, and S3Proxy, which checks them), runs 'mvn deploy' on the example connector
# in examples/uppercase-connector, prints the upload_id and where the bytes landed, and stops the
# sandbox again, also on Ctrl-C. Arguments go to that 'mvn deploy': with -Dcam.artifactName=NAME the
# upload is followed by a Connect Artifact, which the sandbox takes through its phases to READY.
#   ./quickstart.sh
#   ./quickstart.sh -Dcam.artifactName=uppercase-smt
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
work="$root/target/quickstart"
sandbox_dir="$work/sandbox"

# Each command runs in the background and is waited for, so that an interrupt (Ctrl-C, or a signal sent
# to this script alone, as CI systems and 'timeout' do) stops it at once instead of after it finishes.
child=""
run() {
  "$@" &
  child=$!
  wait "$child"
  child=""
}
on_signal() {
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit 130
}
trap on_signal INT TERM

echo "==> Building and installing cam-maven-plugin (tests skipped; 'mvn -B verify' runs them)"
run mvn -B -q -Dstyle.color=never install -DskipTests -Dinvoker.skip=true
run mvn -B -q -Dstyle.color=never dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$root/target/sandbox.classpath"
maven_home="$(ls -d "$root"/target/it-maven/apache-maven-*/ | head -n 1)"
classpath="$root/target/test-classes:$(cat "$root/target/sandbox.classpath")"
sandbox() { java -cp "$classpath" dev.connectops.cam.sandbox.Sandbox "$@"; }

rm -rf "$work"
mkdir -p "$work"
echo "==> Starting the sandbox (log: $work/sandbox.log)"
sandbox run --work-dir "$sandbox_dir" --s3proxy-jar "$root/target/s3proxy/s3proxy.jar" >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
stop_sandbox() {
  sandbox stop --work-dir "$sandbox_dir" >/dev/null 2>&1 || kill "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
}
trap stop_sandbox EXIT
run sandbox await --work-dir "$sandbox_dir"
prop() { sed -n "s/^$1=//p" "$sandbox_dir/sandbox.properties" | sed 's/\\:/:/g'; }

echo "==> mvn deploy on examples/uppercase-connector (Maven $(basename "$maven_home"))"
cp -r "$root/examples/uppercase-connector" "$work/project"
CONFLUENT_CLOUD_API_KEY="$(prop apiKey)" CONFLUENT_CLOUD_API_SECRET="$(prop apiSecret)" \
  run "$maven_home/bin/mvn" -B -Dstyle.color=never -f "$work/project/pom.xml" deploy \
  -Dcam.apiUrl="$(prop apiUrl)" -Dcam.environment=env-quickstart "$@" > >(tee "$work/build.log") 2>&1

record="$work/project/target/cam-upload.json"
if [ ! -f "$record" ]; then
  echo
  echo "No upload was made (dry run or skip?), so there is nothing to compare. Build log: $work/build.log"
  exit 0
fi
field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" "$record"; }
upload_id="$(field upload_id)"
archive="$work/project/$(field file)"
stored="$(find "$(prop dataDir)" -type f -path "*connect-$upload_id/*" | head -n 1)"
echo
echo "upload_id=$upload_id"
echo "record:        $record"
echo "archive:       $archive"
echo "stored object: $stored"
echo "sha256 (archive): $(sha256sum "$archive" | cut -d' ' -f1)"
echo "sha256 (stored):  $(sha256sum "$stored" | cut -d' ' -f1)"
if [ "$(sha256sum <"$archive")" = "$(sha256sum <"$stored")" ]; then
  echo "The stored object is byte for byte the archive."
else
  echo "The stored object differs from the archive!" >&2
  exit 1
fi
artifact_id="$(field artifact_id)"
if [ -n "$artifact_id" ]; then
  echo "Connect Artifact: artifact_id=$artifact_id name='$(field artifact_name)' phase=$(field artifact_phase)"
fi
