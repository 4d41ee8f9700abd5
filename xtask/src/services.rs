//! `cargo xtask services up|down|status`: the servers some listings talk
//! to, run by this project on 127.0.0.1 only, with everything they write
//! (data, configuration, logs, pid files) under `target/services/`, so
//! `cargo clean` removes them too.
//!
//! | service | address | run as |
//! |---|---|---|
//! | Redis | 127.0.0.1:16379 | the caller |
//! | PostgreSQL primary | 127.0.0.1:15432 | `postgres` when the caller is root |
//! | PostgreSQL replica (streaming, hot standby) | 127.0.0.1:15433 | same |
//! | PgBouncer, in front of the primary | 127.0.0.1:16432 | same |
//! | NATS with JetStream (monitoring on 18222) | 127.0.0.1:14222 | the caller |
//!
//! The ports are not the usual ones, so these never clash with (or get
//! mistaken for) a system-wide install. Layout of this file:
//!
//! - the port table: [`Service`], its address, environment variable, log
//!   and pid file;
//! - finding the programs, installing the missing ones with apt-get;
//! - rendering the configuration files (pure functions, unit-tested);
//! - processes: pid files, whether one is alive, stopping it and waiting;
//! - starting each service, asking each for its version;
//! - [`up`], [`down`], [`status`] and the command line ([`main`]).
//!
//! `down` only ever signals a process named in a pid file under
//! `target/services/`, and only when it is still the program that wrote it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The user and database every listing connects as (trust authentication,
/// from 127.0.0.1 only).
pub const PG_USER: &str = "course";
pub const PG_DATABASE: &str = "course";
/// The role the replica streams WAL as.
const PG_REPLICATION_USER: &str = "replicator";
/// NATS's HTTP monitoring endpoint (`/varz`), which `status` reads.
pub const NATS_MONITOR_PORT: u16 = 18222;

/// How long a service may take to accept connections after its start.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a started service may take to write its pid file.
const PID_FILE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a service may take to exit after its stop signal, before it
/// is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(30);

/// The five servers, in the order `up` starts them (`down` stops them in
/// the reverse order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Redis,
    PostgresPrimary,
    PostgresReplica,
    PgBouncer,
    Nats,
}

impl Service {
    pub const ALL: [Service; 5] = [
        Service::Redis,
        Service::PostgresPrimary,
        Service::PostgresReplica,
        Service::PgBouncer,
        Service::Nats,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Service::Redis => "redis",
            Service::PostgresPrimary => "postgres-primary",
            Service::PostgresReplica => "postgres-replica",
            Service::PgBouncer => "pgbouncer",
            Service::Nats => "nats",
        }
    }

    pub fn port(self) -> u16 {
        match self {
            Service::Redis => 16379,
            Service::PostgresPrimary => 15432,
            Service::PostgresReplica => 15433,
            Service::PgBouncer => 16432,
            Service::Nats => 14222,
        }
    }

    pub fn addr(self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port()))
    }

    /// The variable a listing reads its address from.
    pub fn env_var(self) -> &'static str {
        match self {
            Service::Redis => "REDIS_URL",
            Service::PostgresPrimary => "DATABASE_URL",
            Service::PostgresReplica => "DATABASE_REPLICA_URL",
            Service::PgBouncer => "PGBOUNCER_URL",
            Service::Nats => "NATS_URL",
        }
    }

    /// The address a listing uses when its variable is not set.
    pub fn url(self) -> String {
        let port = self.port();
        match self {
            Service::Redis => format!("redis://127.0.0.1:{port}"),
            Service::PostgresPrimary | Service::PostgresReplica | Service::PgBouncer => {
                format!("postgres://{PG_USER}@127.0.0.1:{port}/{PG_DATABASE}")
            }
            Service::Nats => format!("nats://127.0.0.1:{port}"),
        }
    }

    /// Whether the program runs as the `postgres` account when we are root
    /// (PostgreSQL and PgBouncer both refuse to run as root).
    fn runs_as_postgres(self) -> bool {
        matches!(
            self,
            Service::PostgresPrimary | Service::PostgresReplica | Service::PgBouncer
        )
    }

    /// The name of the running program, as the kernel reports it, so that
    /// a pid reused by something else is never signalled.
    fn process_name(self) -> &'static str {
        match self {
            Service::Redis => "redis-server",
            Service::PostgresPrimary | Service::PostgresReplica => "postgres",
            Service::PgBouncer => "pgbouncer",
            Service::Nats => "nats-server",
        }
    }

    pub fn log_file(self, root: &Path) -> PathBuf {
        let dir = services_dir(root);
        match self {
            Service::Redis => dir.join("redis/redis.log"),
            Service::PostgresPrimary => dir.join("postgres/primary.log"),
            Service::PostgresReplica => dir.join("postgres/replica.log"),
            Service::PgBouncer => dir.join("pgbouncer/pgbouncer.log"),
            Service::Nats => dir.join("nats/nats.log"),
        }
    }

    pub fn pid_file(self, root: &Path) -> PathBuf {
        let dir = services_dir(root);
        match self {
            Service::Redis => dir.join("redis/redis.pid"),
            Service::PostgresPrimary => pg_data(root, self).join("postmaster.pid"),
            Service::PostgresReplica => pg_data(root, self).join("postmaster.pid"),
            Service::PgBouncer => dir.join("pgbouncer/pgbouncer.pid"),
            Service::Nats => dir.join("nats/nats.pid"),
        }
    }
}

/// Everything the services write.
pub fn services_dir(root: &Path) -> PathBuf {
    root.join("target/services")
}

fn pg_dir(root: &Path) -> PathBuf {
    services_dir(root).join("postgres")
}

/// PGDATA of the primary or the replica.
fn pg_data(root: &Path, service: Service) -> PathBuf {
    match service {
        Service::PostgresReplica => pg_dir(root).join("replica"),
        _ => pg_dir(root).join("primary"),
    }
}

/// Written once a data folder is complete (initdb and roles, or the base
/// backup): a folder without it is a failed first run, made again.
fn pg_ready_marker(root: &Path, service: Service) -> PathBuf {
    match service {
        Service::PostgresReplica => pg_dir(root).join("replica.ready"),
        _ => pg_dir(root).join("primary.ready"),
    }
}

/// The private folder of PostgreSQL's Unix sockets: only the `postgres`
/// superuser connects there, so trust on 127.0.0.1 never extends to it.
fn pg_socket_dir(root: &Path) -> PathBuf {
    pg_dir(root).join("sockets")
}

// ---------------------------------------------------------------------------
// Programs: find them, install the missing ones.

/// Where the programs are.
#[derive(Debug)]
struct Programs {
    redis_server: PathBuf,
    /// The folder of postgres, initdb, pg_ctl, pg_basebackup and psql.
    pg_bin: PathBuf,
    pgbouncer: PathBuf,
    nats_server: PathBuf,
}

/// What to install when a program is missing: the Debian package, and the
/// program to put on PATH elsewhere.
const PACKAGES: [(&str, &str); 4] = [
    ("redis-server", "redis-server"),
    (
        "postgresql",
        "PostgreSQL 13 or later (postgres, initdb, pg_ctl, pg_basebackup, psql)",
    ),
    ("pgbouncer", "pgbouncer"),
    ("nats-server", "nats-server (2.2 or later)"),
];

/// `program` on PATH, or in the sbin folders a non-root PATH may lack
/// (Debian puts pgbouncer in /usr/sbin).
fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from))
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// The highest version folder among `names` (`13`, `15`, `9.6`), by number.
fn newest_version<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let number = |name: &str| -> Option<Vec<u32>> {
        name.split('.').map(|part| part.parse().ok()).collect()
    };
    names
        .into_iter()
        .filter_map(|name| Some((number(name)?, name)))
        .max()
        .map(|(_, name)| name)
}

/// PostgreSQL's server programs: Debian's /usr/lib/postgresql/<version>/bin
/// (the newest), else the folder `pg_config --bindir` names, else initdb's
/// folder on PATH.
fn find_pg_bin() -> Option<PathBuf> {
    let complete = |dir: &Path| {
        ["postgres", "initdb", "pg_ctl", "pg_basebackup", "psql"]
            .iter()
            .all(|p| dir.join(p).is_file())
    };
    let debian = Path::new("/usr/lib/postgresql");
    let versions: Vec<String> = std::fs::read_dir(debian)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|v| complete(&debian.join(v).join("bin")))
        .collect();
    if let Some(version) = newest_version(versions.iter().map(String::as_str)) {
        return Some(debian.join(version).join("bin"));
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    from_pg_config
        .into_iter()
        .chain(which("initdb").and_then(|p| p.parent().map(Path::to_path_buf)))
        .find(|dir| complete(dir))
}

/// The programs, or the Debian package names of the missing ones.
fn find_programs() -> Result<Programs, Vec<usize>> {
    let found = (
        which("redis-server"),
        find_pg_bin(),
        which("pgbouncer"),
        which("nats-server"),
    );
    match found {
        (Some(redis_server), Some(pg_bin), Some(pgbouncer), Some(nats_server)) => Ok(Programs {
            redis_server,
            pg_bin,
            pgbouncer,
            nats_server,
        }),
        (redis, pg, bouncer, nats) => Err([
            redis.is_none(),
            pg.is_none(),
            bouncer.is_none(),
            nats.is_none(),
        ]
        .iter()
        .enumerate()
        .filter(|(_, missing)| **missing)
        .map(|(i, _)| i)
        .collect()),
    }
}

/// The programs, installing the missing ones with apt-get on Debian and
/// Ubuntu. Elsewhere, says exactly what to install.
fn ensure_programs() -> anyhow::Result<Programs> {
    let missing = match find_programs() {
        Ok(programs) => return Ok(programs),
        Err(missing) => missing,
    };
    let packages: Vec<&str> = missing.iter().map(|&i| PACKAGES[i].0).collect();
    if which("apt-get").is_some() {
        println!(
            "==> services: installing {} (apt-get install {})",
            packages.join(", "),
            packages.join(" ")
        );
        let started = Instant::now();
        if crate::browser::apt_install(&packages) {
            println!("    installed in {:.1} s", started.elapsed().as_secs_f64());
        }
        return find_programs().map_err(|still| {
            let names: Vec<&str> = still.iter().map(|&i| PACKAGES[i].0).collect();
            anyhow::anyhow!(
                "could not install {}: run `apt-get install {}` as root and read its error, then `cargo xtask services up` again",
                names.join(", "),
                names.join(" ")
            )
        });
    }
    let programs: Vec<&str> = missing.iter().map(|&i| PACKAGES[i].1).collect();
    bail!(
        "missing: {}. Install them so they are on PATH (Homebrew: `brew install redis postgresql@15 pgbouncer nats-server`, then put postgresql@15's bin folder on PATH), then run `cargo xtask services up` again",
        programs.join("; ")
    )
}

// ---------------------------------------------------------------------------
// Configuration files. Each is written again before its service starts, so
// a change here takes effect at the next `up` after a `down`.

/// A string in double quotes, as redis.conf and nats.conf read it.
fn double_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A string in single quotes, as postgresql.conf reads it.
fn single_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

fn redis_conf(dir: &Path) -> String {
    let path = |name: &str| double_quoted(&dir.join(name).display().to_string());
    format!(
        "# Written by `cargo xtask services up` (xtask/src/services.rs).\n\
         bind 127.0.0.1\n\
         port {port}\n\
         protected-mode yes\n\
         daemonize yes\n\
         pidfile {pid}\n\
         logfile {log}\n\
         dir {data}\n\
         appendonly no\n",
        port = Service::Redis.port(),
        pid = path("redis.pid"),
        log = path("redis.log"),
        data = path("data"),
    )
}

/// postgresql.conf of the primary or the replica: the same file but for
/// the port (`hot_standby` only matters on the replica).
fn postgres_conf(port: u16, socket_dir: &Path) -> String {
    format!(
        "# Written by `cargo xtask services up` (xtask/src/services.rs).\n\
         listen_addresses = '127.0.0.1'\n\
         port = {port}\n\
         unix_socket_directories = {sockets}\n\
         unix_socket_permissions = 0700\n\
         max_connections = 100\n\
         shared_buffers = 128MB\n\
         wal_level = replica\n\
         max_wal_senders = 4\n\
         wal_keep_size = 256MB\n\
         hot_standby = on\n\
         hot_standby_feedback = on\n\
         timezone = 'UTC'\n\
         log_timezone = 'UTC'\n\
         lc_messages = 'C'\n\
         log_line_prefix = '%m [%p] %q%u@%d '\n",
        sockets = single_quoted(&socket_dir.display().to_string()),
    )
}

/// Who may connect: the course role to its database and the replica's
/// role to replication, from 127.0.0.1 without a password; the superuser
/// only through the private socket folder.
fn pg_hba() -> String {
    format!(
        "# Written by `cargo xtask services up` (xtask/src/services.rs).\n\
         # TYPE  DATABASE     USER          ADDRESS        METHOD\n\
         local   all          postgres                     trust\n\
         host    {PG_DATABASE:<12} {PG_USER:<13} 127.0.0.1/32   trust\n\
         host    replication  {PG_REPLICATION_USER:<13} 127.0.0.1/32   trust\n"
    )
}

fn pgbouncer_ini(dir: &Path) -> String {
    let path = |name: &str| dir.join(name).display().to_string();
    format!(
        "; Written by `cargo xtask services up` (xtask/src/services.rs).\n\
         [databases]\n\
         {PG_DATABASE} = host=127.0.0.1 port={primary} dbname={PG_DATABASE}\n\
         ; Two small pools of the same database for the connection pooling\n\
         ; chapter, which uses them alone: one per pooling mode.\n\
         pool_session = host=127.0.0.1 port={primary} dbname={PG_DATABASE} pool_mode=session pool_size=10\n\
         pool_transaction = host=127.0.0.1 port={primary} dbname={PG_DATABASE} pool_mode=transaction pool_size=5\n\
         \n\
         [pgbouncer]\n\
         listen_addr = 127.0.0.1\n\
         listen_port = {port}\n\
         unix_socket_dir =\n\
         auth_type = trust\n\
         auth_file = {users}\n\
         ; Session pooling: a client keeps its server connection, so the\n\
         ; prepared statements tokio-postgres uses work unchanged.\n\
         pool_mode = session\n\
         max_client_conn = 200\n\
         default_pool_size = 20\n\
         stats_users = {PG_USER}\n\
         logfile = {log}\n\
         pidfile = {pid}\n",
        primary = Service::PostgresPrimary.port(),
        port = Service::PgBouncer.port(),
        users = path("userlist.txt"),
        log = path("pgbouncer.log"),
        pid = path("pgbouncer.pid"),
    )
}

/// PgBouncer's user list: with trust, a user must still be listed.
fn pgbouncer_users() -> String {
    format!("\"{PG_USER}\" \"\"\n")
}

fn nats_conf(dir: &Path) -> String {
    let path = |name: &str| double_quoted(&dir.join(name).display().to_string());
    format!(
        "# Written by `cargo xtask services up` (xtask/src/services.rs).\n\
         server_name: course\n\
         listen: \"127.0.0.1:{port}\"\n\
         http: \"127.0.0.1:{NATS_MONITOR_PORT}\"\n\
         pid_file: {pid}\n\
         log_file: {log}\n\
         jetstream {{\n\
         \x20 store_dir: {store}\n\
         \x20 max_memory_store: 256MB\n\
         \x20 max_file_store: 2GB\n\
         }}\n",
        port = Service::Nats.port(),
        pid = path("nats.pid"),
        log = path("nats.log"),
        store = path("jetstream"),
    )
}

// ---------------------------------------------------------------------------
// Processes.

/// The pid in a pid file's text: its first line (PostgreSQL's
/// postmaster.pid has more lines after it).
fn parse_pid(text: &str) -> Option<u32> {
    text.lines()
        .next()?
        .trim()
        .parse()
        .ok()
        .filter(|&pid| pid > 1)
}

fn read_pid(path: &Path) -> Option<u32> {
    parse_pid(&std::fs::read_to_string(path).ok()?)
}

/// The state letter in /proc/<pid>/stat ("R", "S", "Z", ...): the field
/// after the parenthesised name, which may itself hold spaces.
fn proc_state(stat: &str) -> Option<char> {
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Whether `pid` is alive (a zombie counts as dead) and runs `name`.
fn is_running(pid: u32, name: &str) -> bool {
    let proc = PathBuf::from(format!("/proc/{pid}"));
    if Path::new("/proc/self").exists() {
        let alive = std::fs::read_to_string(proc.join("stat"))
            .ok()
            .and_then(|stat| proc_state(&stat))
            .is_some_and(|state| state != 'Z' && state != 'X');
        let comm = std::fs::read_to_string(proc.join("comm")).unwrap_or_default();
        // comm is cut to 15 bytes: "nats-server" fits, and so do the others.
        return alive && comm.trim() == name;
    }
    // No /proc (macOS): ask ps for the state and the program.
    let Ok(out) = Command::new("ps")
        .args(["-o", "stat=", "-o", "comm=", "-p", &pid.to_string()])
        .output()
    else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text.split_whitespace();
    let state = fields.next().unwrap_or("Z");
    let program = fields.next().unwrap_or("");
    out.status.success()
        && !state.starts_with('Z')
        && Path::new(program).file_name().is_some_and(|f| f == name)
}

/// The pid of `service` when it runs from this project's pid file.
fn running_pid(root: &Path, service: Service) -> Option<u32> {
    read_pid(&service.pid_file(root)).filter(|&pid| is_running(pid, service.process_name()))
}

fn signal(pid: u32, name: &str) -> bool {
    Command::new("kill")
        .args(["-s", name, &pid.to_string()])
        .status()
        .is_ok_and(|s| s.success())
}

/// Stops `service` if this project started it: its stop signal (PostgreSQL:
/// SIGINT, a fast shutdown; the others: SIGTERM), then waits for the exit,
/// killing it after [`STOP_TIMEOUT`]. Returns the pid it stopped.
fn stop(root: &Path, service: Service) -> anyhow::Result<Option<u32>> {
    let Some(pid) = running_pid(root, service) else {
        return Ok(None);
    };
    let sig = if service.runs_as_postgres() && service != Service::PgBouncer {
        "INT"
    } else {
        "TERM"
    };
    signal(pid, sig);
    let name = service.process_name();
    if wait_until(STOP_TIMEOUT, || !is_running(pid, name)) {
        return Ok(Some(pid));
    }
    signal(pid, "KILL");
    anyhow::ensure!(
        wait_until(Duration::from_secs(5), || !is_running(pid, name)),
        "{} (pid {pid}) did not exit after SIGTERM nor SIGKILL; read {} and stop it by hand",
        service.name(),
        relative_log(root, service)
    );
    println!(
        "    {} did not stop within {} s and was killed",
        service.name(),
        STOP_TIMEOUT.as_secs()
    );
    Ok(Some(pid))
}

/// Polls `done` every 50 ms until it holds or `timeout` has passed.
fn wait_until(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn port_open(service: Service) -> bool {
    port_open_at(service.addr())
}

fn port_open_at(addr: SocketAddr) -> bool {
    TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_ok()
}

/// Whether this process runs as root (then PostgreSQL and PgBouncer run
/// as the `postgres` account).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Who runs PostgreSQL and PgBouncer.
struct Account {
    /// `Some("postgres")` when we are root.
    user: Option<&'static str>,
}

impl Account {
    fn detect() -> anyhow::Result<Account> {
        if !is_root() {
            return Ok(Account { user: None });
        }
        let exists = Command::new("id")
            .arg("postgres")
            .output()
            .is_ok_and(|o| o.status.success());
        anyhow::ensure!(
            exists,
            "PostgreSQL refuses to run as root and there is no `postgres` user to run it as: create one (`useradd --system --home /var/lib/postgresql postgres`) or run as a normal user"
        );
        anyhow::ensure!(
            which("runuser").is_some(),
            "running as root needs `runuser` (util-linux) to start PostgreSQL as the `postgres` user: install util-linux, or run as a normal user"
        );
        Ok(Account {
            user: Some("postgres"),
        })
    }

    /// `program` run as this account.
    fn command(&self, program: &Path, cwd: &Path) -> Command {
        let mut cmd = match self.user {
            Some(user) => {
                let mut cmd = Command::new("runuser");
                cmd.args(["-u", user, "--"]).arg(program);
                cmd
            }
            None => Command::new(program),
        };
        cmd.current_dir(cwd);
        cmd
    }

    /// Makes `path` (and all below it) the account's.
    fn own(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(user) = self.user {
            let ok = Command::new("chown")
                .args(["-R", &format!("{user}:{user}")])
                .arg(path)
                .status()
                .is_ok_and(|s| s.success());
            anyhow::ensure!(ok, "could not chown {} to {user}", path.display());
        }
        Ok(())
    }

    /// Fails when the account cannot write `dir`: a parent folder of the
    /// project that other users may not enter.
    fn check_reaches(&self, dir: &Path) -> anyhow::Result<()> {
        if let Some(user) = self.user {
            let ok = self
                .command(Path::new("test"), Path::new("/"))
                .arg("-w")
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success());
            anyhow::ensure!(
                ok,
                "the `{user}` user cannot write {}: every folder above it must be enterable by other users (`chmod o+x` on each), or run as a normal user",
                dir.display()
            );
        }
        Ok(())
    }
}

/// Runs `cmd` with its output captured; on failure, the error carries
/// what it printed.
fn run_quiet(mut cmd: Command, what: &str) -> anyhow::Result<String> {
    let out = cmd
        .output()
        .with_context(|| format!("could not start {what}"))?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    anyhow::ensure!(out.status.success(), "{what} failed: {}", text.trim());
    Ok(text)
}

// ---------------------------------------------------------------------------
// Starting.

fn relative_log(root: &Path, service: Service) -> String {
    crate::relative(root, &service.log_file(root))
}

/// The last `n` lines of a log, indented, for a failure message.
fn log_tail(path: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let tail = &lines[lines.len().saturating_sub(n)..];
    if tail.is_empty() {
        return String::new();
    }
    format!("\n  last lines of the log:\n    {}", tail.join("\n    "))
}

/// A failed start, worded the same for every service: which service, what
/// happened, the log to read and what to do.
fn start_failed(root: &Path, service: Service, error: anyhow::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "{} did not start: {error:#}\n  read {}, fix the cause, then run `cargo xtask services up` again; to start every service from nothing, run `cargo xtask services down` and delete {}/{}",
        service.name(),
        relative_log(root, service),
        crate::relative(root, &services_dir(root)),
        log_tail(&service.log_file(root), 10)
    )
}

/// Waits until the service runs from its pid file and accepts connections.
fn wait_ready(root: &Path, service: Service) -> anyhow::Result<()> {
    let began = Instant::now();
    let mut seen = None;
    loop {
        match (read_pid(&service.pid_file(root)), seen) {
            (Some(pid), _) if is_running(pid, service.process_name()) => {
                seen = Some(pid);
                if port_open(service) {
                    return Ok(());
                }
            }
            // It ran, and it is gone: no point in waiting for it.
            (_, Some(pid)) => bail!("it exited (pid {pid}) before accepting connections"),
            (None, None) if began.elapsed() > PID_FILE_TIMEOUT => bail!(
                "it exited or never wrote its pid file {} within {} s",
                crate::relative(root, &service.pid_file(root)),
                PID_FILE_TIMEOUT.as_secs()
            ),
            _ => {}
        }
        anyhow::ensure!(
            began.elapsed() < START_TIMEOUT,
            "not accepting connections on {} after {} s",
            service.addr(),
            START_TIMEOUT.as_secs()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Fails when another program holds the port the service needs.
/// Whether nothing listens on the service's port.
fn port_free(service: Service) -> bool {
    !port_open_at(SocketAddr::from(([127, 0, 0, 1], service.port())))
}

fn check_port_free(service: Service) -> anyhow::Result<()> {
    let mut ports = vec![service.port()];
    if service == Service::Nats {
        ports.push(NATS_MONITOR_PORT);
    }
    for port in ports {
        anyhow::ensure!(
            !port_open_at(SocketAddr::from(([127, 0, 0, 1], port))),
            "port {port} is taken by a program that `cargo xtask services up` did not start (`ss -ltnp 'sport = :{port}'` names it); stop it, then run `cargo xtask services up` again"
        );
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("could not write {}", path.display()))
}

fn start_redis(root: &Path, programs: &Programs) -> anyhow::Result<()> {
    let dir = services_dir(root).join("redis");
    std::fs::create_dir_all(dir.join("data"))?;
    let conf = dir.join("redis.conf");
    write(&conf, &redis_conf(&dir))?;
    let _ = std::fs::remove_file(Service::Redis.pid_file(root));
    let mut cmd = Command::new(&programs.redis_server);
    cmd.arg(&conf).current_dir(&dir);
    // `daemonize yes`: redis-server forks, detaches and returns.
    run_quiet(cmd, "redis-server")?;
    wait_ready(root, Service::Redis)
}

fn pg_program(programs: &Programs, name: &str) -> PathBuf {
    programs.pg_bin.join(name)
}

/// Runs SQL on the primary as the superuser, through the private socket.
fn psql_admin(
    root: &Path,
    programs: &Programs,
    account: &Account,
    sql: &[&str],
) -> anyhow::Result<()> {
    let mut cmd = account.command(&pg_program(programs, "psql"), &pg_dir(root));
    cmd.arg("-h")
        .arg(pg_socket_dir(root))
        .args(["-p", &Service::PostgresPrimary.port().to_string()])
        .args([
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
        ]);
    for statement in sql {
        cmd.args(["-c", statement]);
    }
    run_quiet(cmd, "psql").map(|_| ())
}

/// Writes the configuration of a data folder and starts it with pg_ctl,
/// which waits until it accepts connections.
fn pg_start(
    root: &Path,
    programs: &Programs,
    account: &Account,
    service: Service,
) -> anyhow::Result<()> {
    let data = pg_data(root, service);
    write(
        &data.join("postgresql.conf"),
        &postgres_conf(service.port(), &pg_socket_dir(root)),
    )?;
    write(&data.join("pg_hba.conf"), &pg_hba())?;
    let log = service.log_file(root);
    if !log.exists() {
        write(&log, "")?;
    }
    account.own(&data.join("postgresql.conf"))?;
    account.own(&data.join("pg_hba.conf"))?;
    account.own(&log)?;
    let mut cmd = account.command(&pg_program(programs, "pg_ctl"), &pg_dir(root));
    cmd.arg("-D").arg(&data).arg("-l").arg(&log).args([
        "-w",
        "-t",
        &START_TIMEOUT.as_secs().to_string(),
        "-s",
        "start",
    ]);
    run_quiet(cmd, "pg_ctl start")?;
    wait_ready(root, service)
}

/// The primary: initdb on the first run (and roles, database), then start.
fn start_primary(root: &Path, programs: &Programs, account: &Account) -> anyhow::Result<()> {
    let dir = pg_dir(root);
    let data = pg_data(root, Service::PostgresPrimary);
    if !pg_ready_marker(root, Service::PostgresPrimary).exists() {
        // A first run, or one that failed half-way: start from nothing. The
        // replica was copied from the old primary, so it goes too.
        stop(root, Service::PostgresReplica)?;
        stop(root, Service::PostgresPrimary)?;
        let _ = std::fs::remove_file(pg_ready_marker(root, Service::PostgresReplica));
        for old in [data.clone(), pg_data(root, Service::PostgresReplica)] {
            if old.exists() {
                std::fs::remove_dir_all(&old)
                    .with_context(|| format!("could not remove {}", old.display()))?;
            }
        }
        std::fs::create_dir_all(pg_socket_dir(root))?;
        account.own(&dir)?;
        account.check_reaches(&dir)?;
        println!("    initdb (first run): {}", crate::relative(root, &data));
        let mut cmd = account.command(&pg_program(programs, "initdb"), &dir);
        cmd.arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ]);
        run_quiet(cmd, "initdb")?;
        pg_start(root, programs, account, Service::PostgresPrimary)?;
        psql_admin(
            root,
            programs,
            account,
            &[
                &format!("CREATE ROLE {PG_USER} LOGIN CREATEDB"),
                &format!("CREATE DATABASE {PG_DATABASE} OWNER {PG_USER}"),
                &format!("CREATE ROLE {PG_REPLICATION_USER} LOGIN REPLICATION"),
            ],
        )?;
        grant_replay_control(root, programs, account)?;
        write(&pg_ready_marker(root, Service::PostgresPrimary), "")?;
        return Ok(());
    }
    std::fs::create_dir_all(pg_socket_dir(root))?;
    account.own(&pg_socket_dir(root))?;
    pg_start(root, programs, account, Service::PostgresPrimary)?;
    // Every start, so that data folders made before the grant get it too.
    grant_replay_control(root, programs, account)
}

/// Lets the course role pause and resume the replica's replay (the
/// replicas chapter makes a replica fall behind on purpose). The grant is
/// made on the primary, in the course database, and replicates.
fn grant_replay_control(root: &Path, programs: &Programs, account: &Account) -> anyhow::Result<()> {
    psql_admin(
        root,
        programs,
        account,
        &[
            &format!("\\connect {PG_DATABASE}"),
            &format!("GRANT EXECUTE ON FUNCTION pg_wal_replay_pause() TO {PG_USER}"),
            &format!("GRANT EXECUTE ON FUNCTION pg_wal_replay_resume() TO {PG_USER}"),
        ],
    )
}

/// The replica: a base backup of the primary on the first run (`-R`
/// writes standby.signal and the primary's address), then start.
fn start_replica(root: &Path, programs: &Programs, account: &Account) -> anyhow::Result<()> {
    let data = pg_data(root, Service::PostgresReplica);
    if !pg_ready_marker(root, Service::PostgresReplica).exists() {
        if data.exists() {
            std::fs::remove_dir_all(&data)
                .with_context(|| format!("could not remove {}", data.display()))?;
        }
        println!(
            "    pg_basebackup -R (first run): {}",
            crate::relative(root, &data)
        );
        let mut cmd = account.command(&pg_program(programs, "pg_basebackup"), &pg_dir(root));
        cmd.arg("-d")
            .arg(format!(
                "host=127.0.0.1 port={} user={PG_REPLICATION_USER}",
                Service::PostgresPrimary.port()
            ))
            .arg("-D")
            .arg(&data)
            .args(["-R", "-X", "stream", "-c", "fast", "--no-sync"]);
        run_quiet(cmd, "pg_basebackup")?;
        // The copy's postgresql.conf has the primary's port; pg_start
        // writes the replica's own before it starts.
        pg_start(root, programs, account, Service::PostgresReplica)?;
        write(&pg_ready_marker(root, Service::PostgresReplica), "")?;
        return Ok(());
    }
    pg_start(root, programs, account, Service::PostgresReplica)
}

fn start_pgbouncer(root: &Path, programs: &Programs, account: &Account) -> anyhow::Result<()> {
    let dir = services_dir(root).join("pgbouncer");
    std::fs::create_dir_all(&dir)?;
    let ini = dir.join("pgbouncer.ini");
    write(&ini, &pgbouncer_ini(&dir))?;
    write(&dir.join("userlist.txt"), &pgbouncer_users())?;
    let _ = std::fs::remove_file(Service::PgBouncer.pid_file(root));
    account.own(&dir)?;
    account.check_reaches(&dir)?;
    let mut cmd = account.command(&programs.pgbouncer, &dir);
    // -d: detach once listening; it writes the pid file itself.
    cmd.arg("-d").arg(&ini);
    run_quiet(cmd, "pgbouncer -d")?;
    wait_ready(root, Service::PgBouncer)
}

fn start_nats(root: &Path, programs: &Programs) -> anyhow::Result<()> {
    let dir = services_dir(root).join("nats");
    std::fs::create_dir_all(dir.join("jetstream"))?;
    let conf = dir.join("nats.conf");
    write(&conf, &nats_conf(&dir))?;
    let _ = std::fs::remove_file(Service::Nats.pid_file(root));
    // nats-server has no daemon mode: a shell starts it in the background
    // and exits, so it is nobody's child and outlives this command. Its own
    // process group keeps a later Ctrl-C in this terminal away from it.
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "\"$0\" -c \"$1\" </dev/null >>\"$2\" 2>&1 &"])
        .arg(&programs.nats_server)
        .arg(&conf)
        .arg(Service::Nats.log_file(root))
        .current_dir(&dir);
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    run_quiet(cmd, "sh (starting nats-server)")?;
    wait_ready(root, Service::Nats)?;
    // JetStream answers on the monitoring port once it is enabled.
    let ok = wait_until(Duration::from_secs(10), || {
        nats_varz().is_ok_and(|v| v.jetstream)
    });
    anyhow::ensure!(
        ok,
        "JetStream is not enabled (no jetstream in /varz on port {NATS_MONITOR_PORT})"
    );
    Ok(())
}

fn start(
    root: &Path,
    service: Service,
    programs: &Programs,
    account: &Account,
) -> anyhow::Result<()> {
    match service {
        Service::Redis => start_redis(root, programs),
        Service::PostgresPrimary => start_primary(root, programs, account),
        Service::PostgresReplica => start_replica(root, programs, account),
        Service::PgBouncer => start_pgbouncer(root, programs, account),
        Service::Nats => start_nats(root, programs),
    }
}

// ---------------------------------------------------------------------------
// Versions, asked of the running servers.

/// `redis_version` out of an `INFO server` reply.
fn parse_redis_version(info: &str) -> Option<String> {
    info.lines()
        .find_map(|l| l.strip_prefix("redis_version:"))
        .map(|v| format!("Redis {}", v.trim()))
}

/// `INFO server`, in RESP over a plain TCP connection (no redis-cli needed).
fn redis_info() -> anyhow::Result<String> {
    let mut stream = TcpStream::connect_timeout(&Service::Redis.addr(), Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.write_all(b"*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n")?;
    let mut reply = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        reply.extend_from_slice(&buf[..n]);
        // A bulk string: $<len>\r\n<len bytes>\r\n.
        let text = String::from_utf8_lossy(&reply);
        if let Some((head, body)) = text.split_once("\r\n") {
            let len: usize = head.trim_start_matches('$').parse().unwrap_or(0);
            if body.len() >= len {
                return Ok(body.to_string());
            }
        }
    }
    Ok(String::from_utf8_lossy(&reply).into_owned())
}

/// `PostgreSQL 15.18 (Debian 15.18-0+deb12u1)` out of `SELECT version()`'s
/// long answer (it goes on with the platform and the compiler).
fn short_pg_version(version: &str) -> String {
    version
        .split(" on ")
        .next()
        .unwrap_or(version)
        .trim()
        .to_string()
}

/// A PostgreSQL server's row in `status`, from psql's unaligned answer
/// `version|in recovery|receiving WAL|replicas streaming from it`.
fn describe_pg(answer: &str) -> String {
    let fields: Vec<&str> = answer.trim().split('|').collect();
    let [version, in_recovery, receiving, replicas] = fields[..] else {
        return answer.trim().to_string();
    };
    let role = match (in_recovery, receiving) {
        ("t", "t") => "standby receiving WAL".to_string(),
        ("t", _) => "standby, NOT receiving WAL yet".to_string(),
        _ => match replicas {
            "1" => "primary, 1 replica streaming".to_string(),
            n => format!("primary, {n} replicas streaming"),
        },
    };
    format!("{}, {role}", short_pg_version(version))
}

/// Runs one query as the course role, through psql, over TCP.
fn psql_query(
    programs: Option<&Programs>,
    port: u16,
    database: &str,
    sql: &str,
) -> anyhow::Result<String> {
    let psql = programs
        .map(|p| pg_program(p, "psql"))
        .or_else(|| which("psql"))
        .context("psql not found")?;
    let mut cmd = Command::new(psql);
    cmd.args([
        "-h",
        "127.0.0.1",
        "-p",
        &port.to_string(),
        "-U",
        PG_USER,
        "-d",
        database,
    ])
    .args(["-X", "-A", "-t", "-q", "-c", sql])
    .env("PGCONNECT_TIMEOUT", "3");
    Ok(run_quiet(cmd, "psql")?.trim().to_string())
}

/// What NATS's monitoring port says about itself.
struct Varz {
    version: String,
    jetstream: bool,
}

fn parse_varz(body: &str) -> anyhow::Result<Varz> {
    let json: serde_json::Value = serde_json::from_str(body).context("/varz is not JSON")?;
    Ok(Varz {
        version: json["version"]
            .as_str()
            .context("/varz has no version")?
            .to_string(),
        jetstream: json["jetstream"]["config"].is_object(),
    })
}

fn nats_varz() -> anyhow::Result<Varz> {
    let addr = SocketAddr::from(([127, 0, 0, 1], NATS_MONITOR_PORT));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.write_all(b"GET /varz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body)
        .context("no HTTP body from /varz")?;
    parse_varz(body)
}

/// The version line `status` shows for a running service.
fn version(service: Service, programs: Option<&Programs>) -> anyhow::Result<String> {
    match service {
        Service::Redis => parse_redis_version(&redis_info()?).context("no redis_version in INFO"),
        Service::PostgresPrimary | Service::PostgresReplica => {
            let answer = psql_query(
                programs,
                service.port(),
                PG_DATABASE,
                "SELECT version(), pg_is_in_recovery(), pg_last_wal_receive_lsn() IS NOT NULL, \
                 (SELECT count(*) FROM pg_stat_replication)",
            )?;
            Ok(describe_pg(&answer))
        }
        Service::PgBouncer => {
            // The admin console answers SHOW VERSION to a stats user.
            psql_query(programs, service.port(), "pgbouncer", "SHOW VERSION").or_else(|_| {
                let program = programs
                    .map(|p| p.pgbouncer.clone())
                    .or_else(|| which("pgbouncer"))
                    .context("pgbouncer not found")?;
                let out = run_quiet(
                    {
                        let mut c = Command::new(program);
                        c.arg("--version");
                        c
                    },
                    "pgbouncer --version",
                )?;
                Ok(out.lines().next().unwrap_or("").to_string())
            })
        }
        Service::Nats => {
            let varz = nats_varz()?;
            Ok(format!(
                "nats-server {}, JetStream {}, monitoring on 127.0.0.1:{NATS_MONITOR_PORT}",
                varz.version,
                if varz.jetstream { "on" } else { "OFF" }
            ))
        }
    }
}

// ---------------------------------------------------------------------------
// up, down, status.

/// What one `up` did.
#[derive(Debug)]
pub struct Started {
    /// The services this call started.
    pub started: Vec<Service>,
    /// The services that were running already (left alone by [`Started::stop`]).
    pub already_running: Vec<Service>,
}

impl Started {
    /// The environment a listing needs, as `(variable, url)` pairs.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        Service::ALL
            .iter()
            .map(|s| (s.env_var(), s.url()))
            .collect()
    }

    /// Stops only what this `up` started, so a test step leaves the
    /// services a person had already started running.
    pub fn stop(&self, root: &Path) -> anyhow::Result<()> {
        for service in Service::ALL
            .iter()
            .rev()
            .filter(|s| self.started.contains(s))
        {
            stop(root, *service)?;
        }
        Ok(())
    }
}

/// Installs what is missing, then starts every service that is not
/// running. Running twice starts nothing the second time.
/// The listings that declare `services = [...]` under
/// `[package.metadata.course]` in their `Cargo.toml`, by package name,
/// among the manifests given (all listings, or one chapter's).
pub fn declared_by(manifests: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let mut packages = Vec::new();
    for manifest in manifests {
        let text = std::fs::read_to_string(manifest)
            .with_context(|| format!("reading {}", manifest.display()))?;
        let table: toml::Table = text
            .parse()
            .with_context(|| format!("{} is not valid TOML", manifest.display()))?;
        let package = table.get("package");
        let Some(list) = package
            .and_then(|p| p.get("metadata"))
            .and_then(|m| m.get("course"))
            .and_then(|c| c.get("services"))
        else {
            continue;
        };
        let names: Vec<&str> = list
            .as_array()
            .map(|items| items.iter().filter_map(|i| i.as_str()).collect())
            .unwrap_or_default();
        for name in &names {
            anyhow::ensure!(
                Service::ALL.iter().any(|s| s.name() == *name),
                "{}: unknown service `{name}` in [package.metadata.course] services; known: {}",
                manifest.display(),
                Service::ALL.map(|s| s.name()).join(", ")
            );
        }
        anyhow::ensure!(
            !names.is_empty(),
            "{}: [package.metadata.course] services must list service names",
            manifest.display()
        );
        if let Some(name) = package.and_then(|p| p.get("name")).and_then(|n| n.as_str()) {
            packages.push(name.to_string());
        }
    }
    Ok(packages)
}

/// The services of one `cargo xtask test`: started before the steps that
/// run listings, stopped when this is dropped (after the last step, or when
/// a step panics), and only those this run started.
pub struct ForTests {
    root: PathBuf,
    started: Started,
}

impl ForTests {
    pub fn start(root: &Path) -> anyhow::Result<ForTests> {
        let began = Instant::now();
        let started = up(root)?;
        println!(
            "==> services up in {:.1} s ({} started, {} already running)",
            began.elapsed().as_secs_f64(),
            started.started.len(),
            started.already_running.len()
        );
        Ok(ForTests {
            root: root.to_path_buf(),
            started,
        })
    }
}

impl Drop for ForTests {
    fn drop(&mut self) {
        if self.started.started.is_empty() {
            return;
        }
        println!("==> stopping the services this run started");
        if let Err(e) = self.started.stop(&self.root) {
            eprintln!("error: could not stop a service: {e:#}; run `cargo xtask services down`");
        }
    }
}

/// Regular files among `fds` (descriptor, what `/proc/self/fd/<n>` links
/// to) other than standard input, output and error. A daemon started from
/// here would inherit and keep them open for as long as it runs.
fn inherited_files(fds: &[(u32, String)]) -> Vec<String> {
    fds.iter()
        .filter(|(fd, target)| {
            *fd > 2
                && target.starts_with('/')
                && !target.starts_with("/dev/")
                && !target.starts_with("/proc/")
        })
        .map(|(fd, target)| format!("{target} (descriptor {fd})"))
        .collect()
}

/// Refuses to start daemons from a process that holds files its parent
/// opened, such as the lock file of `flock <file> cargo xtask services up`:
/// the daemons would hold that lock until they stop, and every other
/// `flock` on it would wait.
fn refuse_inherited_files() -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir("/proc/self/fd") else {
        return Ok(()); // not Linux: nothing to check
    };
    let fds: Vec<(u32, String)> = entries
        .flatten()
        .filter_map(|e| {
            let fd: u32 = e.file_name().to_str()?.parse().ok()?;
            // Our own files are close-on-exec (O_CLOEXEC, octal 02000000);
            // only the others pass to a daemon.
            let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")).ok()?;
            let flags = info.lines().find_map(|l| l.strip_prefix("flags:"))?.trim();
            let cloexec = u32::from_str_radix(flags, 8).ok()? & 0o2000000 != 0;
            let target = std::fs::read_link(e.path()).ok()?;
            (!cloexec).then(|| (fd, target.to_string_lossy().into_owned()))
        })
        .collect();
    let files = inherited_files(&fds);
    anyhow::ensure!(
        files.is_empty(),
        "`services up` was started with {} open; the services would keep it open (and any lock on it held) for as long as they run. Start them outside `flock` (or with `flock -o`, which closes the lock file for the command)",
        files.join(", ")
    );
    Ok(())
}

pub fn up(root: &Path) -> anyhow::Result<Started> {
    let mut started = Vec::new();
    let mut already_running = Vec::new();
    for service in Service::ALL {
        if running_pid(root, service).is_some() {
            already_running.push(service);
        }
    }
    if already_running.len() == Service::ALL.len() {
        return Ok(Started {
            started,
            already_running,
        });
    }
    refuse_inherited_files()?;
    let programs = ensure_programs()?;
    let account = Account::detect()?;
    std::fs::create_dir_all(services_dir(root))?;
    for service in Service::ALL {
        if already_running.contains(&service) {
            continue;
        }
        // The same service, started by `services up` in another checkout of
        // the course (its pid file lives there), answers on the port: use it
        // as it is, and leave it running afterwards.
        if !port_free(service)
            && let Ok(version) = version(service, Some(&programs))
        {
            println!(
                "==> {}: {version} already answers on {}, started from another checkout; used as it is",
                service.name(),
                service.addr()
            );
            already_running.push(service);
            continue;
        }
        println!("==> {}: starting on {}", service.name(), service.addr());
        let began = Instant::now();
        // A taken port is no fault of the service: its log has nothing to say.
        if let Err(e) = check_port_free(service) {
            let partial = Started {
                started: started.clone(),
                already_running: already_running.clone(),
            };
            let _ = partial.stop(root);
            bail!("{} cannot start: {e:#}", service.name());
        }
        if let Err(e) = start(root, service, &programs, &account) {
            // Leave nothing half started behind: stop what this call began.
            let partial = Started {
                started: started.clone(),
                already_running: already_running.clone(),
            };
            let _ = partial.stop(root);
            return Err(start_failed(root, service, e));
        }
        println!(
            "    {} up in {:.1} s",
            service.name(),
            began.elapsed().as_secs_f64()
        );
        started.push(service);
    }
    Ok(Started {
        started,
        already_running,
    })
}

/// Stops every service this project started (those with a live pid file
/// under target/services/), waiting for each to exit. Safe to run twice;
/// a system-wide server is never touched. Returns what it stopped.
pub fn down(root: &Path) -> anyhow::Result<Vec<Service>> {
    let mut stopped = Vec::new();
    for service in Service::ALL.into_iter().rev() {
        match stop(root, service)? {
            Some(pid) => {
                println!("    stopped {} (pid {pid})", service.name());
                stopped.push(service);
            }
            None => println!("    {} was not running", service.name()),
        }
    }
    Ok(stopped)
}

/// One row of `status`.
struct Row {
    service: Service,
    state: String,
    detail: String,
}

fn rows(root: &Path) -> Vec<Row> {
    let programs = find_programs().ok();
    Service::ALL
        .into_iter()
        .map(|service| {
            let pid = running_pid(root, service);
            let open = port_open(service);
            let (state, detail) = match (pid, open) {
                (Some(pid), true) => match version(service, programs.as_ref()) {
                    Ok(v) => ("up".to_string(), format!("{v} (pid {pid})")),
                    Err(e) => (
                        "up".to_string(),
                        format!("version unknown: {e:#} (pid {pid})"),
                    ),
                },
                (Some(pid), false) => (
                    "starting".to_string(),
                    format!(
                        "pid {pid} runs but the port is closed; read {}",
                        relative_log(root, service)
                    ),
                ),
                (None, true) => (
                    "taken".to_string(),
                    "another program holds this port (not started by `cargo xtask services up`)"
                        .to_string(),
                ),
                (None, false) => ("down".to_string(), String::new()),
            };
            Row {
                service,
                state,
                detail,
            }
        })
        .collect()
}

fn render_rows(rows: &[Row]) -> String {
    let mut out = format!(
        "{:<18} {:<17} {:<8} {}\n",
        "service", "address", "state", "version"
    );
    for row in rows {
        out.push_str(
            format!(
                "{:<18} {:<17} {:<8} {}",
                row.service.name(),
                row.service.addr().to_string(),
                row.state,
                row.detail
            )
            .trim_end(),
        );
        out.push('\n');
    }
    out
}

/// The variables listings read, with the values that reach these services.
fn render_env() -> String {
    Service::ALL
        .iter()
        .map(|s| format!("  {}={}\n", s.env_var(), s.url()))
        .collect()
}

/// Prints each service's state, address and version; returns how many are up.
pub fn status(root: &Path) -> usize {
    let rows = rows(root);
    print!("{}", render_rows(&rows));
    rows.iter().filter(|r| r.state == "up").count()
}

pub fn main(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let sub = args.get(1).map(String::as_str);
    match sub {
        Some("up") => {
            let began = Instant::now();
            let started = up(root)?;
            if started.started.is_empty() {
                println!(
                    "all services were already running (`cargo xtask services down` stops them)"
                );
            } else {
                let names =
                    |list: &[Service]| list.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ");
                println!(
                    "started {} in {:.1} s",
                    names(&started.started),
                    began.elapsed().as_secs_f64()
                );
                if !started.already_running.is_empty() {
                    println!("already running: {}", names(&started.already_running));
                }
            }
            println!();
            let up_count = status(root);
            println!("\nListings read these variables; unset, they default to:");
            for (var, url) in started.env() {
                println!("  {var}={url}");
            }
            println!(
                "\nData, configuration and logs: {}/ (`cargo xtask services down` stops them; then `cargo clean` removes it)",
                crate::relative(root, &services_dir(root))
            );
            anyhow::ensure!(
                up_count == Service::ALL.len(),
                "not every service is up: see the table above"
            );
            Ok(())
        }
        Some("down") => {
            let stopped = down(root)?;
            println!(
                "{} service(s) stopped; data stays in {}/ for the next `cargo xtask services up`",
                stopped.len(),
                crate::relative(root, &services_dir(root))
            );
            Ok(())
        }
        Some("status") => {
            status(root);
            println!("\nListings read these variables; unset, they default to:");
            print!("{}", render_env());
            Ok(())
        }
        _ => bail!("usage: cargo xtask services up|down|status"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_file_left_open_by_flock_is_refused() {
        let fds = [
            (0, "/dev/null".to_string()),
            (1, "/tmp/out.log".to_string()),
            (3, "/tmp/sdr-build.lock".to_string()),
            (4, "pipe:[123]".to_string()),
            (5, "/dev/pts/0".to_string()),
        ];
        assert_eq!(
            inherited_files(&fds),
            vec!["/tmp/sdr-build.lock (descriptor 3)"]
        );
        assert!(
            inherited_files(&fds[..2]).is_empty(),
            "stdout may be a file"
        );
    }

    // Ports are distinct, unprivileged, and none is a service's usual port.
    #[test]
    fn port_table() {
        let mut ports: Vec<u16> = Service::ALL.iter().map(|s| s.port()).collect();
        ports.push(NATS_MONITOR_PORT);
        let mut sorted = ports.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ports.len(), "{ports:?}");
        for port in ports {
            assert!(port > 1024);
            assert!(![6379, 5432, 6432, 4222, 8222].contains(&port), "{port}");
        }
        assert_eq!(
            Service::ALL.map(|s| s.port()),
            [16379, 15432, 15433, 16432, 14222]
        );
    }

    // Each printed URL is on 127.0.0.1 at the service's port, under its own variable.
    #[test]
    fn urls_and_variables() {
        for s in Service::ALL {
            assert!(
                s.url().contains(&format!("127.0.0.1:{}", s.port())),
                "{}",
                s.url()
            );
            assert_eq!(s.addr().to_string(), format!("127.0.0.1:{}", s.port()));
        }
        assert_eq!(
            Service::PostgresReplica.url(),
            "postgres://course@127.0.0.1:15433/course"
        );
        let vars: Vec<&str> = Service::ALL.iter().map(|s| s.env_var()).collect();
        assert_eq!(
            vars,
            [
                "REDIS_URL",
                "DATABASE_URL",
                "DATABASE_REPLICA_URL",
                "PGBOUNCER_URL",
                "NATS_URL"
            ]
        );
    }

    // Every file a service writes lies under target/services/.
    #[test]
    fn files_under_target_services() {
        let root = Path::new("/p");
        for s in Service::ALL {
            assert!(s.log_file(root).starts_with("/p/target/services"));
            assert!(s.pid_file(root).starts_with("/p/target/services"));
        }
        assert_eq!(
            Service::PostgresReplica.pid_file(root),
            Path::new("/p/target/services/postgres/replica/postmaster.pid")
        );
    }

    // A pid file's first line is the pid; junk, empty files and pids 0 and 1 are none.
    #[test]
    fn pid_files() {
        assert_eq!(parse_pid("1234\n"), Some(1234));
        assert_eq!(parse_pid(" 77 "), Some(77));
        // postmaster.pid: pid, data folder, start time, port, ...
        assert_eq!(
            parse_pid("4242\n/p/target/services/postgres/primary\n1700000000\n15432\n"),
            Some(4242)
        );
        assert_eq!(parse_pid(""), None);
        assert_eq!(parse_pid("abc\n"), None);
        assert_eq!(parse_pid("0\n"), None);
        assert_eq!(parse_pid("1\n"), None);
        assert_eq!(parse_pid("-5\n"), None);
    }

    // The state is read after the program name, even a name with spaces and parentheses.
    #[test]
    fn proc_stat_state() {
        assert_eq!(proc_state("123 (redis-server) S 1 123 123"), Some('S'));
        assert_eq!(proc_state("9 (a (b) c) Z 1"), Some('Z'));
        assert_eq!(proc_state("garbage"), None);
    }

    // Redis listens on 127.0.0.1 only, detaches, and keeps every file in its folder.
    #[test]
    fn redis_config() {
        let conf = redis_conf(Path::new("/p/target/services/redis"));
        assert!(conf.contains("\nbind 127.0.0.1\n"));
        assert!(conf.contains("\nport 16379\n"));
        assert!(conf.contains("\ndaemonize yes\n"));
        assert!(conf.contains("pidfile \"/p/target/services/redis/redis.pid\""));
        assert!(conf.contains("logfile \"/p/target/services/redis/redis.log\""));
        assert!(conf.contains("dir \"/p/target/services/redis/data\""));
        assert_eq!(double_quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }

    // PostgreSQL listens on 127.0.0.1 at the given port, streams WAL, and quotes the socket folder.
    #[test]
    fn postgres_config() {
        let conf = postgres_conf(15433, Path::new("/p/it's/sockets"));
        assert!(conf.contains("listen_addresses = '127.0.0.1'\n"));
        assert!(conf.contains("\nport = 15433\n"));
        assert!(conf.contains("unix_socket_directories = '/p/it''s/sockets'\n"));
        assert!(conf.contains("wal_level = replica\n"));
        assert!(conf.contains("hot_standby = on\n"));
        assert!(conf.contains("max_wal_senders = 4\n"));
    }

    // Trust reaches only the course database and replication from 127.0.0.1; the superuser only by socket.
    #[test]
    fn hba_config() {
        let hba = pg_hba();
        let rules: Vec<Vec<&str>> = hba
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(
            rules,
            [
                vec!["local", "all", "postgres", "trust"],
                vec!["host", "course", "course", "127.0.0.1/32", "trust"],
                vec!["host", "replication", "replicator", "127.0.0.1/32", "trust"],
            ]
        );
    }

    // PgBouncer listens on 127.0.0.1:16432 and sends the course database to the primary.
    #[test]
    fn pgbouncer_config() {
        let ini = pgbouncer_ini(Path::new("/p/target/services/pgbouncer"));
        assert!(ini.contains("course = host=127.0.0.1 port=15432 dbname=course\n"));
        assert!(ini.contains("listen_addr = 127.0.0.1\n"));
        assert!(ini.contains("listen_port = 16432\n"));
        assert!(ini.contains("auth_file = /p/target/services/pgbouncer/userlist.txt\n"));
        assert!(ini.contains("pidfile = /p/target/services/pgbouncer/pgbouncer.pid\n"));
        assert!(ini.contains("stats_users = course\n"));
        assert_eq!(pgbouncer_users(), "\"course\" \"\"\n");
    }

    // NATS listens on 127.0.0.1, serves /varz on its monitoring port, and keeps JetStream under its folder.
    #[test]
    fn nats_config() {
        let conf = nats_conf(Path::new("/p/target/services/nats"));
        assert!(conf.contains("listen: \"127.0.0.1:14222\"\n"));
        assert!(conf.contains("http: \"127.0.0.1:18222\"\n"));
        assert!(conf.contains("jetstream {\n  store_dir: \"/p/target/services/nats/jetstream\"\n"));
        assert!(conf.contains("pid_file: \"/p/target/services/nats/nats.pid\"\n"));
    }

    // The newest PostgreSQL version folder wins, by number, not by text.
    #[test]
    fn newest_pg_version() {
        assert_eq!(newest_version(["9.6", "15", "13"]), Some("15"));
        assert_eq!(newest_version(["16", "9.6", "notes"]), Some("16"));
        assert_eq!(newest_version(["x"]), None);
    }

    // Versions are read out of each server's own answer.
    #[test]
    fn version_parsing() {
        let info = "# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\n";
        assert_eq!(parse_redis_version(info).as_deref(), Some("Redis 7.0.15"));
        assert_eq!(
            short_pg_version(
                "PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc"
            ),
            "PostgreSQL 15.18 (Debian 15.18-0+deb12u1)"
        );
        assert_eq!(
            describe_pg("PostgreSQL 15.18 (Debian) on x86_64, 64-bit|f|f|1\n"),
            "PostgreSQL 15.18 (Debian), primary, 1 replica streaming"
        );
        assert_eq!(
            describe_pg("PostgreSQL 15.18 on x|t|t|0"),
            "PostgreSQL 15.18, standby receiving WAL"
        );
        assert_eq!(
            describe_pg("PostgreSQL 15.18 on x|t|f|0"),
            "PostgreSQL 15.18, standby, NOT receiving WAL yet"
        );
        let varz = parse_varz(r#"{"version":"2.9.10","jetstream":{"config":{"store_dir":"/x"}}}"#)
            .unwrap();
        assert_eq!(varz.version, "2.9.10");
        assert!(varz.jetstream);
        assert!(!parse_varz(r#"{"version":"2.9.10"}"#).unwrap().jetstream);
    }

    // The status table shows each service's address and state, down ones without a trailing blank.
    #[test]
    fn status_table() {
        let table = render_rows(&[
            Row {
                service: Service::Redis,
                state: "up".into(),
                detail: "Redis 7.0.15 (pid 9)".into(),
            },
            Row {
                service: Service::Nats,
                state: "down".into(),
                detail: String::new(),
            },
        ]);
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("service"));
        assert!(lines[1].starts_with("redis              127.0.0.1:16379   up       Redis 7.0.15"));
        assert_eq!(lines[2], "nats               127.0.0.1:14222   down");
        assert!(
            render_env()
                .contains("  DATABASE_REPLICA_URL=postgres://course@127.0.0.1:15433/course\n")
        );
    }

    // A start failure names the service, its log and the command to run again.
    #[test]
    fn failure_message() {
        let root = Path::new("/nonexistent-root");
        let e = start_failed(root, Service::PgBouncer, anyhow::anyhow!("boom"));
        let text = format!("{e:#}");
        assert!(text.starts_with("pgbouncer did not start: boom"), "{text}");
        assert!(
            text.contains("target/services/pgbouncer/pgbouncer.log"),
            "{text}"
        );
        assert!(text.contains("`cargo xtask services up`"), "{text}");
    }

    // A listing declares the services it needs; an unknown name or an
    // empty list is refused with the manifest's name.
    #[test]
    fn listings_declare_services() {
        let dir = std::env::temp_dir().join(format!("sdr-services-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let uses = write(
            "uses.toml",
            "[package]\nname = \"service-smoke\"\n[package.metadata.course]\nservices = [\"redis\", \"nats\"]\n",
        );
        let plain = write("plain.toml", "[package]\nname = \"lost-update\"\n");
        let unknown = write(
            "unknown.toml",
            "[package]\nname = \"x\"\n[package.metadata.course]\nservices = [\"mysql\"]\n",
        );
        let empty = write(
            "empty.toml",
            "[package]\nname = \"x\"\n[package.metadata.course]\nservices = []\n",
        );
        assert_eq!(
            declared_by(&[uses.clone(), plain.clone()]).unwrap(),
            ["service-smoke"]
        );
        assert!(declared_by(&[plain]).unwrap().is_empty());
        let err = format!("{:#}", declared_by(&[unknown]).unwrap_err());
        assert!(
            err.contains("unknown service `mysql`") && err.contains("unknown.toml"),
            "{err}"
        );
        assert!(declared_by(&[empty]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
