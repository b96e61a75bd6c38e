#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A throw-away PostgreSQL 15 + PostGIS 3 server for tests and benchmarks.

Debian's ``postgresql-15`` and ``postgresql-15-postgis-3`` (scripts/setup_env.sh installs them)
give the binaries; this starts a private cluster in a temporary directory on a free local TCP
port (127.0.0.1 only, password authentication), with ``pg_stat_statements`` loaded, and removes
it afterwards. PostgreSQL refuses to run as root, so under root the cluster runs as the
``postgres`` user (``runuser``). Start-up takes about a second.

    /usr/bin/python3 scripts/pgcluster.py          # start, print the connection, wait for Ctrl-C
"""
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import List, Optional

BIN_DIRS = ("/usr/lib/postgresql/15/bin",)
EXTENSION_DIR = "/usr/share/postgresql/15/extension"


class ClusterUnavailable(RuntimeError):
    """The server cannot be started here (the message says why and what to install)."""


@dataclass
class Cluster:
    """A running throw-away cluster."""

    directory: str
    port: int
    password: str
    bindir: str
    run_as: Optional[str]
    host: str = "127.0.0.1"
    user: str = "postgres"
    watchdog: Optional[subprocess.Popen] = None

    def dsn(self, dbname: str = "postgres", user: Optional[str] = None,
            password: Optional[str] = None) -> str:
        """A libpq connection string."""
        return "host={} port={} dbname={} user={} password={}".format(
            self.host, self.port, dbname, user or self.user,
            self.password if password is None else password)

    def connect(self, dbname: str = "postgres", **kw):
        """A psycopg2 connection as the superuser (autocommit)."""
        import psycopg2

        conn = psycopg2.connect(host=self.host, port=self.port, dbname=dbname,
                                user=kw.get("user", self.user),
                                password=kw.get("password", self.password))
        conn.autocommit = True
        return conn

    def create_database(self, name: str) -> None:
        """A database with PostGIS and pg_stat_statements."""
        conn = self.connect()
        try:
            conn.cursor().execute('CREATE DATABASE "{}"'.format(name.replace('"', '""')))
        finally:
            conn.close()
        conn = self.connect(name)
        try:
            cur = conn.cursor()
            cur.execute("CREATE EXTENSION postgis")
            cur.execute("CREATE EXTENSION pg_stat_statements")
        finally:
            conn.close()

    def stop(self) -> None:
        """Stop the server and delete its directory."""
        try:
            _run(self.run_as, [os.path.join(self.bindir, "pg_ctl"), "-D",
                               os.path.join(self.directory, "data"), "-m", "immediate", "-w",
                               "stop"], check=False)
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
            if self.watchdog is not None and self.watchdog.poll() is None:
                self.watchdog.terminate()
                self.watchdog.wait()


_WATCH = """
import os, shutil, subprocess, sys, time
parent, pg_ctl, data, directory, run_as = int(sys.argv[1]), sys.argv[2], sys.argv[3], \
    sys.argv[4], sys.argv[5]
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    time.sleep(2)
cmd = (["runuser", "-u", run_as, "--"] if run_as else []) + [pg_ctl, "-D", data, "-m",
                                                              "immediate", "stop"]
subprocess.run(cmd, capture_output=True)
shutil.rmtree(directory, ignore_errors=True)
"""


def _watch(parent: int, cluster: "Cluster") -> subprocess.Popen:
    """A small process that stops the server when ``parent`` dies without stopping it (a
    crashed test run must not leave a server behind)."""
    return subprocess.Popen(
        [sys.executable, "-c", _WATCH, str(parent), os.path.join(cluster.bindir, "pg_ctl"),
         os.path.join(cluster.directory, "data"), cluster.directory, cluster.run_as or ""],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)


def _run(run_as: Optional[str], args: List[str], check: bool = True):
    cmd = (["runuser", "-u", run_as, "--"] if run_as else []) + args
    r = subprocess.run(cmd, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise ClusterUnavailable("{} failed: {}".format(os.path.basename(args[0]),
                                                        (r.stderr or r.stdout).strip()[-800:]))
    return r


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bindir() -> str:
    for d in BIN_DIRS:
        if os.path.exists(os.path.join(d, "initdb")):
            return d
    raise ClusterUnavailable("PostgreSQL 15 is not installed (Debian: apt install "
                             "postgresql-15 postgresql-15-postgis-3; scripts/setup_env.sh "
                             "does it)")


def start() -> Cluster:
    """Start a cluster (raises ClusterUnavailable with the reason when it cannot)."""
    bindir = _bindir()
    if not os.path.exists(os.path.join(EXTENSION_DIR, "postgis.control")):
        raise ClusterUnavailable("PostGIS 3 for PostgreSQL 15 is not installed (Debian: apt "
                                 "install postgresql-15-postgis-3)")
    run_as = None
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            import pwd

            pw = pwd.getpwnam(run_as)
        except KeyError as e:
            raise ClusterUnavailable("running as root, but there is no 'postgres' user to run "
                                     "the server as (PostgreSQL refuses root)") from e
    directory = tempfile.mkdtemp(prefix="boligsocial-pg-")
    password = secrets.token_hex(16)
    try:
        if run_as:
            os.chown(directory, pw.pw_uid, pw.pw_gid)
        os.chmod(directory, 0o700)
        pwfile = os.path.join(directory, "pw")
        with open(pwfile, "w") as f:
            f.write(password + "\n")
        if run_as:
            os.chown(pwfile, pw.pw_uid, pw.pw_gid)
        data = os.path.join(directory, "data")
        _run(run_as, [os.path.join(bindir, "initdb"), "-D", data, "-U", "postgres",
                      "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
                      "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        os.remove(pwfile)
        last = ""
        for _attempt in range(3):  # a free port can be taken between probing and binding
            port = _free_port()
            opts = ("-p {p} -k {d} -c listen_addresses=127.0.0.1 "
                    "-c shared_preload_libraries=pg_stat_statements -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off "
                    "-c max_connections=40 -c shared_buffers=256MB").format(p=port, d=directory)
            r = _run(run_as, [os.path.join(bindir, "pg_ctl"), "-D", data, "-o", opts, "-l",
                              os.path.join(directory, "log"), "-w", "-t", "30", "start"],
                     check=False)
            if r.returncode == 0:
                cluster = Cluster(directory, port, password, bindir, run_as)
                cluster.watchdog = _watch(os.getpid(), cluster)
                return cluster
            try:
                with open(os.path.join(directory, "log")) as f:
                    last = f.read()[-800:]
            except OSError:
                last = r.stderr
        raise ClusterUnavailable("the server did not start: " + last.strip())
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise


def main() -> int:
    """Start a cluster, print how to connect, stop it on Ctrl-C."""
    try:
        c = start()
    except ClusterUnavailable as e:
        print("cannot start PostgreSQL: {}".format(e), file=sys.stderr)
        return 1
    print("PostgreSQL running: {}".format(c.dsn()))
    print("Ctrl-C stops it and deletes {}".format(c.directory))
    try:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while True:
            time.sleep(3600)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        c.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
