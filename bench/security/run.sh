#!/usr/bin/env bash
# Security benchmark: redaction MB/s, nonce-guard checks/s and memory, proof-chain records/s.
#   bench/security/run.sh            # full run
#   bench/security/run.sh --quick    # smaller inputs
#   bench/security/run.sh --redaction           # the redaction workloads only
#   bench/security/run.sh --breakdown           # where the per-line workload's time goes
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project SecurityBench.csproj -- "$@"
