#!/bin/sh
# Replays the renames of branch `names` (restructuring issue, section 3) on Java sources and
# Markdown: pass files or directories (default: the current directory); target/ is skipped.
#   sh RENAMES.sh sdk-client/src/test
# Idempotent: running it twice changes nothing more. Skipped: target/, README.md (its Compatibility
# section names the old names on purpose) and files containing the marker "RENAMES.sh: leave"
# (tests of the deprecated bridges).
set -eu
[ $# -eq 0 ] && set -- .
find "$@" -type f \( -name '*.java' -o -name '*.md' \) -not -path '*/target/*' -not -name README.md -print0 | xargs -0 perl -0pi -e '
  next if /RENAMES\.sh: leave/;
  # generated-code support (sdk-model, package-private) and its emitter (sdk-codegen)
  s/\bCodecSupport\b/DecodeSupport/g;
  s/\bCodecEmitter\b/DeserializerEmitter/g;
  # client implementations named after the interfaces they implement (sdk-client internal)
  s/\bNamespacedBackends\b/DefaultNamespacedBackendClient/g;
  s/\bAllNamespacesBackends\b/DefaultAnyNamespaceBackendClient/g;
  s/\bBackendCollection\b/AbstractBackendCollectionClient/g;
  # NamespacedBackendClient.editStatus(name, change), the server round trip, is updateStatus(name, change);
  # Backend.editStatus(consumer), the in-memory copy, keeps its name (one argument, no comma)
  s/\.editStatus\((?=\s*(?:"|[A-Za-z_][\w.()]*\s*,))/.updateStatus(/g;
  # deleteAll takes a BackendSelector (selection only), not ListOptions (selection, paging, decoding, transform)
  # (only the static factories: a ListOptions builder may set read options a selector has not)
  s/\.deleteAll\(\s*ListOptions\.(?=withLabel\(|withLabelSelector\()/.deleteAll(BackendSelector./g;
  # files outside the client package that now name BackendSelector need its import
  if (/\bBackendSelector\b/ && !/^package dev\.kgateway\.sdk\.client;/m && !/^import dev\.kgateway\.sdk\.client\.BackendSelector;/m) {
    s/^(import [^\n]*;\n)/import dev.kgateway.sdk.client.BackendSelector;\n$1/m;
  }
'
