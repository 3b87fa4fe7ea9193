#!/usr/bin/env bash
# Classification latency per message (rules + topic model + language detection), in-process, with the shipped
# config/classification-rules.json and a model trained from config/classification-seed.tsv.
# Usage: bench/classify-bench.sh [messages] [languages] [low-accuracy: true|false]   (builds the test classes first)
set -euo pipefail
cd "$(dirname "$0")/.."
./parley mvn -q -o test-compile -Dformat.goal=validate -Dimpsort.goal=check
cp=$(./parley mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
./parley java -Dlanguages="${2:-en,ru,uk,de,fr,es}" -DlowAccuracy="${3:-false}" \
  -cp "target/test-classes:target/classes:$cp" io.parley.classification.ClassificationBench "${1:-20000}"
