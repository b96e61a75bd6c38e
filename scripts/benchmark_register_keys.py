#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""How a database run's populations best reach the release register: the ways of fetching each
person row's (area, date, 64-bit key), against linking on the server (the register's keys
uploaded, the persons each pair of populations shares counted in SQL).

A throw-away PostgreSQL 15 (scripts/pgcluster.py) with a synthetic person table (text
pseudonyms, 1,000 areas, one date); the key is computed as the plugin computes it
(``hashtextextended``). Prints wall and CPU seconds (this process and the server) per way.

    /usr/bin/python3 scripts/benchmark_register_keys.py --persons 1000000
"""
import argparse
import importlib.util
import io
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY = "hashtextextended(person_id, 0)"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "scripts",
                                                                     name + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a server process and its ended children."""
    with open("/proc/{}/stat".format(pid)) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _copy_binary(cur):
    buf = io.BytesIO()
    cur.copy_expert("COPY (SELECT area::int4, 0::int2, {}::int8 FROM persons) TO STDOUT "
                    "(FORMAT binary)".format(KEY), buf)
    data = buf.getvalue()
    dt = np.dtype([("nf", ">i2"), ("l1", ">i4"), ("area", ">i4"), ("l2", ">i4"), ("d", ">i2"),
                   ("l3", ">i4"), ("k", ">i8")])
    rows = np.frombuffer(data[19:len(data) - 2], dtype=dt)
    return rows["area"].astype(np.int64), rows["k"].astype(np.int64)


def _bytea_per_area(cur):
    cur.execute("SELECT area, string_agg(int8send({}), ''::bytea) FROM persons "
                "GROUP BY area".format(KEY))
    areas, keys = [], []
    for a, b in cur.fetchall():
        k = np.frombuffer(bytes(b), dtype=">i8")
        keys.append(k)
        areas.append(np.full(len(k), a))
    return np.concatenate(areas), np.concatenate(keys).astype(np.int64)


def _array_per_area(cur):
    cur.execute("SELECT area, array_agg({}) FROM persons GROUP BY area".format(KEY))
    areas, keys = [], []
    for a, ks in cur.fetchall():
        keys.append(np.array(ks, dtype=np.int64))
        areas.append(np.full(len(ks), a))
    return np.concatenate(areas), np.concatenate(keys)


def _rows(cur):
    cur.execute("SELECT area, {} FROM persons".format(KEY))
    got = np.array(cur.fetchall(), dtype=np.int64)
    return got[:, 0], got[:, 1]


def _server_overlaps(cur, register_keys: np.ndarray, register_pop: np.ndarray):
    """The alternative: the register's populations uploaded, the shared persons counted."""
    n = len(register_keys)
    dt = np.dtype([("nf", ">i2"), ("l1", ">i4"), ("pop", ">i4"), ("l2", ">i4"),
                   ("k", ">i8")])
    rows = np.zeros(n, dtype=dt)
    rows["nf"], rows["l1"], rows["l2"] = 2, 4, 8
    rows["pop"], rows["k"] = register_pop, register_keys
    cur.execute("DROP TABLE IF EXISTS pg_temp.reg; CREATE TEMP TABLE reg (pop int4, k int8)")
    cur.copy_expert("COPY reg FROM STDIN (FORMAT binary)", io.BytesIO(
        b"PGCOPY\n\xff\r\n\x00" + bytes(8) + rows.tobytes() + b"\xff\xff"))
    cur.execute("ANALYZE reg")
    cur.execute("SELECT p.area, r.pop, count(*) FROM persons p JOIN reg r ON r.k = {} "
                "GROUP BY 1, 2".format(KEY.replace("person_id", "p.person_id")))
    return cur.fetchall()


def main(argv=None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=1000000)
    ap.add_argument("--reps", type=int, default=3, help="repetitions (best kept)")
    a = ap.parse_args(argv)
    cluster = _module("pgcluster").start()
    try:
        cluster.create_database("keys")
        conn = cluster.connect("keys")
        cur = conn.cursor()
        cur.execute("CREATE TABLE persons AS SELECT md5(g::text) AS person_id, "
                    "(g %% 1000)::int AS area FROM generate_series(1, %s) g", (a.persons,))
        cur.execute("ANALYZE persons")
        conn.commit()
        # the server's work is this session's backend: its CPU from /proc of its pid
        cur.execute("SELECT pg_backend_pid()")
        backend = cur.fetchone()[0]
        ways = [("COPY binary (area, date, key) -> numpy", _copy_binary),
                ("bytea of int8send per area (string_agg)", _bytea_per_area),
                ("int8[] per area (array_agg, Python ints)", _array_per_area),
                ("one row per person (fetchall)", _rows)]
        reference = None
        print("| way | wall s | CPU s here | CPU s server |")
        print("|---|---:|---:|---:|")
        for name, fn in ways:
            best = None
            for _ in range(a.reps):
                s0, c0, t0 = _server_cpu(backend), time.process_time(), time.perf_counter()
                area, keys = fn(cur)
                t = (time.perf_counter() - t0, time.process_time() - c0,
                     _server_cpu(backend) - s0)
                best = t if best is None or t[0] < best[0] else best
            order = np.lexsort((keys, area))
            got = (area[order], keys[order])
            if reference is None:
                reference = got
            assert all(np.array_equal(x, y) for x, y in zip(reference, got)), name
            print("| {} | {:.2f} | {:.2f} | {:.2f} |".format(name, *best))
        # linking on the server: as many register keys as persons, in populations of ~1,000
        rk = reference[1][::-1].copy()
        rp = (np.arange(len(rk)) // 1000).astype(np.int32)
        best = None
        for _ in range(a.reps):
            s0, c0, t0 = _server_cpu(backend), time.process_time(), time.perf_counter()
            _server_overlaps(cur, rk, rp)
            conn.rollback()
            t = (time.perf_counter() - t0, time.process_time() - c0, _server_cpu(backend) - s0)
            best = t if best is None or t[0] < best[0] else best
        print("| upload the register's keys, count shared persons in SQL | {:.2f} | {:.2f} | "
              "{:.2f} |".format(*best))
        conn.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
