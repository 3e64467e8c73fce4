# Sourced by .ci/run and the README commands: selects a JDK 25 and exports JAVA_HOME.
if [ -z "${JAVA_HOME:-}" ] || ! "${JAVA_HOME}/bin/java" -version 2>&1 | grep -q 'version "25'; then
  jdk=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1 || true)
  if [ -z "$jdk" ] || [ ! -x "$jdk/bin/java" ]; then
    echo "Catena needs a JDK 25: none found under /usr/lib/jvm (looked for /usr/lib/jvm/*25*)." >&2
    echo "Install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME="$jdk"
fi
export PATH="$JAVA_HOME/bin:$PATH"
