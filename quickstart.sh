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

echo "==> Building and installing cam-maven-plugin (tests skipped; 'mvn -B verify' runs them)"
mvn -B -q install -DskipTests -Dinvoker.skip=true
mvn -B -q dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$root/target/sandbox.classpath"
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
trap 'exit 130' INT TERM
sandbox await --work-dir "$sandbox_dir"
prop() { sed -n "s/^$1=//p" "$sandbox_dir/sandbox.properties" | sed 's/\\:/:/g'; }

echo "==> mvn deploy on examples/uppercase-connector (Maven $(basename "$maven_home"))"
cp -r "$root/examples/uppercase-connector" "$work/project"
CONFLUENT_CLOUD_API_KEY="$(prop apiKey)" CONFLUENT_CLOUD_API_SECRET="$(prop apiSecret)" \
  "$maven_home/bin/mvn" -B -f "$work/project/pom.xml" deploy \
  -Dcam.apiUrl="$(prop apiUrl)" -Dcam.environment=env-quickstart "$@" | tee "$work/build.log"

record="$work/project/target/cam-upload.json"
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
