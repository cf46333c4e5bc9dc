"""The TUI's first full frame and a switch to the Basic tab, as whole processes
in a real terminal: tmux starts `OUTLAY --db DB` at 120x40 and the screen is
read every 2 ms until the header shows (first frame), then `2` is pressed and
read until the Basic panel shows (tab switch). Prints the medians of RUNS runs.
The polling adds a few ms to both; compare sizes, not absolutes.

    python3 benches/scripts/tui_first_frame.py target/release/outlay LEDGER.redb 7
"""
import subprocess, time, sys
O, db, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def cap():
    return subprocess.run(["tmux","-L","ff","capture-pane","-p","-t","f"],capture_output=True,text=True).stdout
firsts, switches = [], []
for r in range(runs):
    subprocess.run(["tmux","-L","ff","kill-server"],capture_output=True)
    t0=time.perf_counter()
    subprocess.run(["tmux","-L","ff","new","-d","-s","f","-x","120","-y","40",f"LANG=en_US.UTF-8 {O} --db {db}"])
    while "time progress" not in cap(): time.sleep(0.002)
    firsts.append(time.perf_counter()-t0)
    t0=time.perf_counter()
    subprocess.run(["tmux","-L","ff","send-keys","-t","f","2"])
    while "Basic expenditure ·" not in cap(): time.sleep(0.002)
    switches.append(time.perf_counter()-t0)
    subprocess.run(["tmux","-L","ff","send-keys","-t","f","q"]); time.sleep(0.3)
subprocess.run(["tmux","-L","ff","kill-server"],capture_output=True)
med=lambda v: sorted(v)[len(v)//2]*1000
print(f"{db}: first frame {med(firsts):.0f} ms, switch to Basic {med(switches):.0f} ms (median of {runs})")
