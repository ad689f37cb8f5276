import sys, re, pickle, collections, bisect
def leb(b,i):
    r=0;s=0
    while True:
        x=b[i];i+=1;r|=(x&0x7f)<<s;s+=7
        if x<0x80: return r,i
def sleb(b,i):
    r=0;s=0
    while True:
        x=b[i];i+=1;r|=(x&0x7f)<<s;s+=7
        if x<0x80:
            if x&0x40 and s<32: r-=1<<s
            return r,i
path=sys.argv[1]
b=open(path,'rb').read(); i=8; secs=[]
while i<len(b):
    sid=b[i];i+=1; n,i=leb(b,i); secs.append((sid,i,n)); i+=n
fnames={};dnames={}; nimp=0; bodies=[]; segs=[]
for sid,st,n in secs:
    if sid==0:
        ln,j=leb(b,st); nm=b[j:j+ln].decode(); j+=ln
        if nm=='name':
            end=st+n
            while j<end:
                sub=b[j];j+=1; sl,j=leb(b,j); se=j+sl
                if sub in (1,9):
                    cnt,k=leb(b,j)
                    for _ in range(cnt):
                        idx,k=leb(b,k); l,k=leb(b,k); (fnames if sub==1 else dnames)[idx]=b[k:k+l].decode('utf8','replace'); k+=l
                j=se
    if sid==2:
        cnt,j=leb(b,st)
        for _ in range(cnt):
            l,j=leb(b,j); j+=l; l,j=leb(b,j); j+=l; kind=b[j]; j+=1
            if kind==0: nimp+=1; _,j=leb(b,j)
            elif kind==1: j+=1; fl,j=leb(b,j); _,j=leb(b,j)
            elif kind==2: fl,j=leb(b,j); _,j=leb(b,j)
            elif kind==3: j+=2
            elif kind==4: j+=1; _,j=leb(b,j)
    if sid==10:
        cnt,j=leb(b,st)
        for k in range(cnt):
            l,j=leb(b,j); bodies.append((nimp+k,b[j:j+l])); j+=l
    if sid==11:
        cnt,j=leb(b,st)
        for idx in range(cnt):
            fl,j=leb(b,j); off=None
            if fl in (0,2):
                if fl==2: _,j=leb(b,j)
                assert b[j]==0x41; off,j=sleb(b,j+1); assert b[j]==0x0b; j+=1
            l,j=leb(b,j); segs.append((off,l,dnames.get(idx,str(idx)),b[j:j+l])); j+=l
segs=[s for s in segs if s[0] is not None]; segs.sort()
starts=[s[0] for s in segs]
def seg_of(a):
    k=bisect.bisect_right(starts,a)-1
    if k>=0 and a<segs[k][0]+segs[k][1]: return k
    return None
refs=collections.defaultdict(set)  # seg index -> set of (func idx, addr)
fref={}
for idx,body in bodies:
    out=[]
    for m in re.finditer(rb'\x41',body):
        try: v,_=sleb(body,m.end())
        except IndexError: continue
        if v>=1024:
            k=seg_of(v)
            if k is not None: out.append((k,v))
    fref[idx]=out
    for k,v in out: refs[k].add((idx,v))
pickle.dump(dict(segs=segs,fnames=fnames,fref=fref,bodies=dict(bodies)),open(sys.argv[2],'wb'))
print('segments',len(segs),'functions',len(bodies))
