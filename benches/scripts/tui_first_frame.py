"""The TUI's first full frame and a switch to the Basic tab, as whole processes
in a real terminal: tmux starts `OUTLAY --db DB` at 120x40 and the screen is
read every 2 ms until the header shows (first frame), then `2` is pressed and
read until the Basic panel shows (tab switch). Peak RSS is the process's VmHWM
once Basic shows. Prints the medians of RUNS runs; with `json` as a fourth
argument, one JSON object instead (what `cargo bench --bench figures` reads).
The polling adds a few ms to both; compare sizes, not absolutes.

    python3 benches/scripts/tui_first_frame.py target/release/outlay LEDGER.redb 7 [json]
"""
import json, subprocess, time, sys
O, db, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
as_json = len(sys.argv) > 4 and sys.argv[4] == "json"
def tmux(*args):
    return subprocess.run(["tmux","-L","ff",*args],capture_output=True,text=True).stdout
def cap():
    return tmux("capture-pane","-p","-t","f")
def peak_rss_kb(pid):
    # VmHWM: the high-water mark of the resident set, in kB.
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0
firsts, switches, rss = [], [], []
for r in range(runs):
    tmux("kill-server")
    t0=time.perf_counter()
    # exec: the pane's process is outlay itself, so its pid reads its RSS.
    tmux("new","-d","-s","f","-x","120","-y","40",f"LANG=en_US.UTF-8 exec {O} --db {db}")
    while "time progress" not in cap(): time.sleep(0.002)
    firsts.append(time.perf_counter()-t0)
    t0=time.perf_counter()
    tmux("send-keys","-t","f","2")
    while "Basic expenditure ·" not in cap(): time.sleep(0.002)
    switches.append(time.perf_counter()-t0)
    rss.append(peak_rss_kb(tmux("list-panes","-t","f","-F","#{pane_pid}").strip()))
    tmux("send-keys","-t","f","q"); time.sleep(0.3)
tmux("kill-server")
med=lambda v: sorted(v)[len(v)//2]
if as_json:
    print(json.dumps({"first_frame_ms": med(firsts)*1000, "switch_ms": med(switches)*1000,
                      "peak_rss_kb": med(rss), "runs": runs}))
else:
    print(f"{db}: first frame {med(firsts)*1000:.0f} ms, switch to Basic {med(switches)*1000:.0f} ms, "
          f"peak RSS {med(rss)/1024:.1f} MiB (median of {runs})")
