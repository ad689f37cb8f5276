import sys, re, zlib, pickle, collections
def leb(b,i):
    r=0;s=0
    while True:
        x=b[i];i+=1;r|=(x&0x7f)<<s;s+=7
        if x<0x80: return r,i
path=sys.argv[1]
b=open(path,'rb').read(); i=8; secs=[]
while i<len(b):
    sid=b[i];i+=1; n,i=leb(b,i); secs.append((sid,i,n)); i+=n
fnames={}; nimp=0; bodies=[]; secsizes=collections.Counter()
for sid,st,n in secs:
    if sid==0:
        ln,j=leb(b,st); nm=b[j:j+ln].decode(); j+=ln; secsizes['custom:'+nm]+=n
        if nm=='name':
            end=st+n
            while j<end:
                sub=b[j];j+=1; sl,j=leb(b,j); se=j+sl
                if sub==1:
                    cnt,k=leb(b,j)
                    for _ in range(cnt):
                        idx,k=leb(b,k); l,k=leb(b,k); fnames[idx]=b[k:k+l].decode('utf8','replace'); k+=l
                j=se
    else:
        secsizes[sid]+=n
    if sid==2:
        cnt,j=leb(b,st)
        for _ in range(cnt):
            l,j=leb(b,j); j+=l; l,j=leb(b,j); j+=l; kind=b[j]; j+=1
            if kind==0: nimp+=1; _,j=leb(b,j)
            elif kind==1: j+=1; fl,j=leb(b,j); _,j=leb(b,j); 
            elif kind==2: fl,j=leb(b,j); _,j=leb(b,j); 
            elif kind==3: j+=2
            elif kind==4: j+=1; _,j=leb(b,j)
    if sid==10:
        cnt,j=leb(b,st)
        for k in range(cnt):
            l,j=leb(b,j); bodies.append((nimp+k,b[j:j+l])); j+=l
RULES=[
 ('yew component views (gloss::ui html!)', r'CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view|BaseComponent>::view|FunctionComponent'),
 ('serde derive impls (gloss types)', r'_::<impl serde(_core)?::(de|ser)::|__Visitor|__FieldVisitor|__Field|Deserialize for|Serialize for'),
 ('serde_json', r'serde_json'),
 ('serde (other)', r'serde'),
 ('gloss_core::formats', r'gloss_core::formats'),
 ('gloss_core::suggest', r'gloss_core::suggest'),
 ('gloss_core::state', r'gloss_core::state'),
 ('gloss_core::who', r'gloss_core::who'),
 ('gloss_core::model', r'gloss_core::model'),
 ('gloss_core::storage', r'gloss_core::storage'),
 ('gloss_core::keys', r'gloss_core::keys'),
 ('gloss_core (other)', r'gloss_core'),
 ('gloss app: ui', r'gloss::ui'),
 ('gloss app: storage', r'gloss::storage'),
 ('gloss app: dom', r'gloss::dom'),
 ('gloss app (other)', r'gloss::'),
 ('yew', r'yew|implicit_clone|tokise'),
 ('tracing', r'tracing'),
 ('zip + deflate (zip, flate2, miniz_oxide, crc32fast, adler, simd_adler32)', r'\bzip::|flate2|miniz_oxide|crc32fast|adler|simd_adler'),
 ('csv', r'csv'),
 ('time', r'\btime::|deranged|powerfmt|time_core'),
 ('uuid + getrandom', r'uuid|getrandom'),
 ('unicode-segmentation', r'unicode_segmentation'),
 ('sha2 / digest', r'sha2|digest|block_buffer|generic_array'),
 ('gloo', r'gloo'),
 ('wasm-bindgen-futures', r'wasm_bindgen_futures'),
 ('web-sys / js-sys', r'web_sys|js_sys'),
 ('wasm-bindgen glue', r'wasm_bindgen|__wbg|__wbindgen|__externref|closure\d+|externref'),
 ('futures', r'futures'),
 ('panics + console_error_panic_hook', r'panic|console_error_panic_hook|begin_panic|rust_begin_unwind|abort|unwrap_failed|expect_failed|assert_failed|core::result::unwrap|core::option::(expect|unwrap)'),
 ('core::fmt', r'core(\[[0-9a-f]+\])?::fmt|alloc(\[[0-9a-f]+\])?::fmt|<[^>]* as core(\[[0-9a-f]+\])?::fmt::(Debug|Display|Write)>|fmt::Formatter|Arguments'),
 ('allocator (dlmalloc)', r'dlmalloc|__rust_alloc|__rust_dealloc|__rust_realloc|__rdl_'),
 ('unicode (core: case maps, printable)', r'core(\[[0-9a-f]+\])?::unicode|to_lowercase|to_uppercase|is_alphanumeric|is_whitespace'),
 ('float parse/print (core dec2flt/flt2dec, ryu, zmij)', r'dec2flt|flt2dec|ryu|zmij|f64|f32'),
 ('std collections (BTreeMap, HashMap/hashbrown, indexmap, Vec, slab)', r'btree|hashbrown|hash_map|HashMap|indexmap|vec_deque|VecDeque|alloc(\[[0-9a-f]+\])?::vec|RawVec|slab|Vec<'),
 ('sort', r'sort'),
 ('memchr / str search', r'memchr|core(\[[0-9a-f]+\])?::str|alloc(\[[0-9a-f]+\])?::str|<str>'),
 ('core::iter / other generics', r'core::|alloc::|core\[|alloc\[|std::|std\[|<'),
]
cat_of={}
agg=collections.defaultdict(lambda:[0,0,bytearray()])
items=[]
for idx,body in bodies:
    nm=fnames.get(idx,'code[%d]'%idx)
    c='unnamed/other'
    for cname,rx in RULES:
        if re.search(rx,nm): c=cname;break
    a=agg[c]; a[0]+=len(body)+2; a[1]+=1; a[2]+=body
    items.append((c,len(body),nm))
pickle.dump(items,open(sys.argv[2],'wb'))
tot=sum(a[0] for a in agg.values())
print('file',len(b),'imports',nimp,'functions',len(bodies),'code bytes',tot)
print('section sizes:',{str(k):v for k,v in secsizes.items()})
tg=0
rows=[]
for c,a in agg.items():
    g=len(zlib.compress(bytes(a[2]),9)); tg+=g; rows.append((a[0],c,a[1],g))
for r in sorted(rows,reverse=True):
    print(f'{r[0]:>8} {100*r[0]/len(b):5.1f}%  gz~{r[3]:>7}  n={r[2]:>5}  {r[1]}')
print('sum of separate zlib -9 of code categories',tg)
