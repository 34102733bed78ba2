#!/usr/bin/env python3
# Aggregates `jfr print --events jdk.ExecutionSample --stack-depth 64 FILE.jfr` output: inclusive and self
# sample shares per method for the threads whose name contains THREAD.
# usage: jfr print --events jdk.ExecutionSample --stack-depth 64 rec.jfr > s.txt; scripts/jfr-hot-methods.py s.txt THREAD [N]
import re,collections,sys
txt=open(sys.argv[1]).read()
want=sys.argv[2]
events=txt.split('jdk.ExecutionSample {')
self_c=collections.Counter(); incl=collections.Counter()
n=0
for e in events[1:]:
    m=re.search(r'sampledThread = "([^"]+)"',e)
    t=m.group(1) if m else '?'
    if want not in t: continue
    frames=re.findall(r'^\s+([\w$.<>]+)\(',e,re.M)
    if not frames: continue
    n+=1
    self_c[frames[0]]+=1
    for f in set(frames): incl[f]+=1
print('samples',n)
for f,c in incl.most_common(int(sys.argv[3]) if len(sys.argv)>3 else 60):
    print(f"{c*100/n:5.1f}% {f}")
print('--- self')
for f,c in self_c.most_common(25):
    print(f"{c*100/n:5.1f}% {f}")
