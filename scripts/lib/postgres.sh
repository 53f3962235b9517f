# shellcheck shell=bash
# PostgreSQL on 127.0.0.1:5432 (STT_PG_PORT): starts the installed Debian cluster when nothing
# answers, and makes sure role stt (password stt) and the databases stt and stt_test exist.
# With STT_PG_DATA_DIR set, a cluster of its own in that directory instead (initdb and pg_ctl,
# as the postgres user when run as root): no Debian tooling needed, nothing shared touched.

[[ -n "${_STT_POSTGRES_SH:-}" ]] && return 0
_STT_POSTGRES_SH=1

_STT_LIB_DIR="$(dirname -- "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/log.sh
source "$_STT_LIB_DIR/log.sh"
# shellcheck source=scripts/lib/paths.sh
source "$_STT_LIB_DIR/paths.sh"
# shellcheck source=scripts/lib/wait.sh
source "$_STT_LIB_DIR/wait.sh"

STT_PG_HOST=127.0.0.1
STT_PG_PORT="${STT_PG_PORT:-5432}"
STT_PG_DATA_DIR="${STT_PG_DATA_DIR:-}"
STT_PG_USER=stt
STT_PG_PASSWORD=stt
STT_PG_DATABASES=(stt stt_test)
# A checkout whose tests use their own database (STT_TEST_DB, see application.properties) gets it too.
if [[ -n "${STT_TEST_DB:-}" && "$STT_TEST_DB" != stt_test ]]; then STT_PG_DATABASES+=("$STT_TEST_DB"); fi
# Written when these scripts started the cluster, so `down` stops only what it started.
STT_PG_MARKER="$STT_RUN_DIR/postgres.started"

stt_pg_ready() {
  pg_isready -q -h "$STT_PG_HOST" -p "$STT_PG_PORT" >/dev/null 2>&1
}

# Prints "VERSION NAME" of the cluster on port 5432, creating one if there is no cluster at all.
_stt_pg_cluster() {
  local ver name port found="" count=0
  while read -r ver name port _; do
    [[ -n "$ver" ]] || continue
    count=$((count + 1))
    [[ "$port" == "$STT_PG_PORT" ]] && found="$ver $name"
  done < <(pg_lsclusters --no-header 2>/dev/null)
  if [[ -n "$found" ]]; then
    echo "$found"
    return 0
  fi
  if ((count > 0)); then
    stt_error "no PostgreSQL cluster uses port $STT_PG_PORT:"
    pg_lsclusters >&2 || true
    return 1
  fi
  # No cluster yet: make one with the newest installed server.
  ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)"
  [[ -n "$ver" ]] || {
    stt_error "no PostgreSQL server found under /usr/lib/postgresql"
    return 1
  }
  stt_info "creating PostgreSQL cluster $ver/main on port $STT_PG_PORT" >&2
  pg_createcluster --port "$STT_PG_PORT" "$ver" main >&2 || return 1
  echo "$ver main"
}

# The server binaries of the newest installed PostgreSQL (initdb and pg_ctl are not on PATH on Debian).
_stt_pg_bin() {
  local ver
  ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)"
  if [[ -n "$ver" ]]; then
    printf '/usr/lib/postgresql/%s/bin\n' "$ver"
  else
    dirname -- "$(command -v pg_ctl)"
  fi
}

# Runs a server command as the postgres user when we are root (PostgreSQL refuses to run as root).
_stt_pg_as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# A cluster of our own in STT_PG_DATA_DIR: created on first use, started on STT_PG_PORT.
_stt_pg_private_start() {
  local bin data="$STT_PG_DATA_DIR" log="$STT_LOG_DIR/postgres.log"
  bin="$(_stt_pg_bin)"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    stt_info "creating a PostgreSQL cluster in $data"
    mkdir -p -- "$data"
    [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$data"
    _stt_pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=md5 -E UTF8 >/dev/null || return 1
  fi
  touch -- "$log"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$log"
  stt_info "starting PostgreSQL from $data on port $STT_PG_PORT"
  _stt_pg_as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w \
    -o "-p $STT_PG_PORT -k $data -c listen_addresses=$STT_PG_HOST" start >/dev/null || {
    stt_log_tail "$log"
    return 1
  }
  printf 'private %s\n' "$data" >"$STT_PG_MARKER"
}

# stt_pg_ensure_running — sets STT_PG_STARTED_NOW=1 when it had to start the cluster.
stt_pg_ensure_running() {
  STT_PG_STARTED_NOW=0
  if stt_pg_ready; then
    stt_info "PostgreSQL already answering on $STT_PG_HOST:$STT_PG_PORT"
    return 0
  fi
  if [[ -n "$STT_PG_DATA_DIR" ]]; then
    _stt_pg_private_start || return 1
    # shellcheck disable=SC2034 # read by stack.sh
    STT_PG_STARTED_NOW=1
    stt_wait_until "${STT_PG_START_TIMEOUT:-60}" "PostgreSQL on $STT_PG_HOST:$STT_PG_PORT" stt_pg_ready
    return
  fi
  command -v pg_ctlcluster >/dev/null 2>&1 || {
    stt_error "PostgreSQL is not answering on $STT_PG_HOST:$STT_PG_PORT and pg_ctlcluster (Debian's postgresql-common) is not available: start PostgreSQL yourself"
    return 1
  }
  [[ "$(id -u)" == 0 ]] || {
    stt_error "PostgreSQL is not answering on $STT_PG_HOST:$STT_PG_PORT; starting it needs root (or start it yourself: sudo pg_ctlcluster <version> main start)"
    return 1
  }
  local cluster ver name
  cluster="$(_stt_pg_cluster)" || return 1
  read -r ver name <<<"$cluster"
  stt_info "starting PostgreSQL cluster $ver/$name"
  if ! pg_ctlcluster "$ver" "$name" start; then
    stt_log_tail "/var/log/postgresql/postgresql-$ver-$name.log"
    return 1
  fi
  printf '%s %s\n' "$ver" "$name" >"$STT_PG_MARKER"
  # shellcheck disable=SC2034 # read by stack.sh
  STT_PG_STARTED_NOW=1
  if ! stt_wait_until "${STT_PG_START_TIMEOUT:-60}" "PostgreSQL on $STT_PG_HOST:$STT_PG_PORT" stt_pg_ready; then
    stt_log_tail "/var/log/postgresql/postgresql-$ver-$name.log"
    return 1
  fi
}

# True when stt can log in over TCP with its password to every database it needs.
_stt_pg_login_works() {
  local db
  for db in "${STT_PG_DATABASES[@]}"; do
    PGPASSWORD="$STT_PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -w -h "$STT_PG_HOST" -p "$STT_PG_PORT" \
      -U "$STT_PG_USER" -d "$db" -tAc 'select 1' >/dev/null 2>&1 || return 1
  done
}

# psql as the postgres superuser over the local socket (peer authentication).
_stt_pg_admin_psql() {
  if [[ -n "$STT_PG_DATA_DIR" ]]; then
    _stt_pg_as_owner psql -X -q -v ON_ERROR_STOP=1 -h "$STT_PG_DATA_DIR" -p "$STT_PG_PORT" -U postgres -d postgres "$@"
  elif [[ "$(id -u)" == 0 ]] && id postgres >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$STT_PG_PORT" -d postgres "$@")
  elif command -v sudo >/dev/null 2>&1 && sudo -n -u postgres true 2>/dev/null; then
    (cd / && sudo -n -u postgres psql -X -q -v ON_ERROR_STOP=1 -p "$STT_PG_PORT" -d postgres "$@")
  else
    return 1
  fi
}

_stt_pg_print_manual_setup() {
  cat >&2 <<SQL
Run this as a PostgreSQL superuser (e.g. sudo -u postgres psql):
  CREATE ROLE $STT_PG_USER LOGIN PASSWORD '$STT_PG_PASSWORD';
$(for db in "${STT_PG_DATABASES[@]}"; do printf '  CREATE DATABASE %s OWNER %s;\n' "$db" "$STT_PG_USER"; done)
and allow password logins from 127.0.0.1 and ::1 in pg_hba.conf.
SQL
}

# Role and databases, created or repaired; safe to run any number of times.
_stt_pg_create_role_and_databases() {
  _stt_pg_admin_psql <<SQL || return 1
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$STT_PG_USER') THEN
    CREATE ROLE $STT_PG_USER LOGIN PASSWORD '$STT_PG_PASSWORD';
  ELSE
    ALTER ROLE $STT_PG_USER LOGIN PASSWORD '$STT_PG_PASSWORD';
  END IF;
END
\$\$;
SQL
  local db exists
  for db in "${STT_PG_DATABASES[@]}"; do
    exists="$(_stt_pg_admin_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" || return 1
    if [[ "$exists" != 1 ]]; then
      stt_info "creating database $db"
      _stt_pg_admin_psql -c "CREATE DATABASE $db OWNER $STT_PG_USER" || return 1
    else
      _stt_pg_admin_psql -c "ALTER DATABASE $db OWNER TO $STT_PG_USER" || return 1
    fi
  done
}

# Puts password rules for loopback TCP first in pg_hba.conf (first match wins) and reloads.
# md5 also accepts SCRAM-stored passwords, so it works whatever password_encryption is.
_stt_pg_allow_loopback_passwords() {
  local hba tmp
  hba="$(_stt_pg_admin_psql -tAc 'SHOW hba_file')" || return 1
  [[ -w "$hba" ]] || {
    stt_error "cannot edit $hba"
    return 1
  }
  if grep -q 'added by scripts/lib/postgres.sh' "$hba"; then
    return 0
  fi
  stt_info "allowing password logins from 127.0.0.1 and ::1 in $hba"
  tmp="$(mktemp)"
  {
    echo "# added by scripts/lib/postgres.sh (STT local stack): password logins over loopback TCP"
    echo "host    all    all    127.0.0.1/32    md5"
    echo "host    all    all    ::1/128         md5"
    cat -- "$hba"
  } >"$tmp"
  cat -- "$tmp" >"$hba" # keeps the file's owner and mode
  rm -f -- "$tmp"
  _stt_pg_admin_psql -tAc 'SELECT pg_reload_conf()' >/dev/null
}

# stt_pg_ensure_databases — role stt and databases stt, stt_test, reachable with a password.
stt_pg_ensure_databases() {
  if _stt_pg_login_works; then
    stt_info "PostgreSQL role $STT_PG_USER and databases ${STT_PG_DATABASES[*]} are ready"
    return 0
  fi
  if ! _stt_pg_create_role_and_databases; then
    stt_error "could not create the PostgreSQL role and databases"
    _stt_pg_print_manual_setup
    return 1
  fi
  if ! _stt_pg_login_works; then
    _stt_pg_allow_loopback_passwords || true
    # A reload takes effect asynchronously: poll briefly instead of assuming.
    if ! STT_WAIT_INTERVAL=0.5 stt_wait_until 10 "password login as $STT_PG_USER" _stt_pg_login_works; then
      stt_error "role $STT_PG_USER cannot log in over TCP with its password"
      _stt_pg_print_manual_setup
      return 1
    fi
  fi
  stt_info "PostgreSQL role $STT_PG_USER and databases ${STT_PG_DATABASES[*]} are ready"
}

# stt_pg_stop_if_started — stops the cluster only when these scripts started it.
stt_pg_stop_if_started() {
  [[ -f "$STT_PG_MARKER" ]] || return 0
  local ver name
  read -r ver name <"$STT_PG_MARKER" || true
  if [[ "$ver" == private ]]; then
    stt_info "stopping PostgreSQL in $name"
    _stt_pg_as_owner "$(_stt_pg_bin)/pg_ctl" -D "$name" -m fast -w stop >/dev/null || stt_warn "could not stop PostgreSQL in $name"
  elif [[ -n "$ver" && -n "$name" ]]; then
    stt_info "stopping PostgreSQL cluster $ver/$name"
    pg_ctlcluster "$ver" "$name" stop || stt_warn "could not stop PostgreSQL $ver/$name"
  fi
  rm -f -- "$STT_PG_MARKER"
}
