import sys, re
def leb(b,i):
    r=0;s=0
    while True:
        x=b[i];i+=1;r|=(x&0x7f)<<s;s+=7
        if x<0x80: return r,i
def parse(path):
    b=open(path,'rb').read(); i=8; secs=[]
    while i<len(b):
        sid=b[i];i+=1; n,i=leb(b,i); secs.append((sid,i,n)); i+=n
    return b,secs
b,secs=parse(sys.argv[1])
names={}
for sid,st,n in secs:
    if sid==0:
        ln,j=leb(b,st); nm=b[j:j+ln].decode(); j+=ln
        if nm=='name':
            end=st+n
            while j<end:
                sub=b[j];j+=1; sl,j=leb(b,j); se=j+sl
                if sub==9:
                    cnt,k=leb(b,j)
                    for _ in range(cnt):
                        idx,k=leb(b,k); l,k=leb(b,k); names[idx]=b[k:k+l].decode(); k+=l
                j=se
segs=[]
for sid,st,n in secs:
    if sid==11:
        cnt,j=leb(b,st)
        for idx in range(cnt):
            fl,j=leb(b,j)
            if fl==0 or fl==2:
                if fl==2: _,j=leb(b,j)
                # const expr until 0x0b
                while b[j]!=0x0b: j+=1
                j+=1
            l,j=leb(b,j); segs.append((idx,names.get(idx,str(idx)),b[j:j+l])); j+=l
import pickle
pickle.dump(segs,open(sys.argv[2],'wb'))
for idx,nm,d in sorted(segs,key=lambda s:-len(s[2]))[:int(sys.argv[3]) if len(sys.argv)>3 else 15]:
    strs=re.findall(rb'[\x20-\x7e]{6,}',d)
    printable=sum(len(s) for s in strs)
    print(f'{nm} {len(d)} printable-runs:{printable} zeros:{d.count(0)}')
    print('   ', [s[:60] for s in strs[:6]])
