var We,H,Et,In,ge,Mt,Pt,It,st,Fe,Ee,At,rt,at,it,An,Oe={},je=[],Nn=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,Be=Array.isArray;function de(e,t){for(var n in t)e[n]=t[n];return e}function lt(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function ct(e,t,n){var s,r,a,i={};for(a in t)a=="key"?s=t[a]:a=="ref"?r=t[a]:i[a]=t[a];if(arguments.length>2&&(i.children=arguments.length>3?We.call(arguments,2):n),typeof e=="function"&&e.defaultProps!=null)for(a in e.defaultProps)i[a]===void 0&&(i[a]=e.defaultProps[a]);return He(e,i,s,r,null)}function He(e,t,n,s,r){var a={type:e,props:t,key:n,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:r??++Et,__i:-1,__u:0};return r==null&&H.vnode!=null&&H.vnode(a),a}function Ve(e){return e.children}function Ue(e,t){this.props=e,this.context=t}function be(e,t){if(t==null)return e.__?be(e.__,e.__i+1):null;for(var n;t<e.__k.length;t++)if((n=e.__k[t])!=null&&n.__e!=null)return n.__e;return typeof e.type=="function"?be(e):null}function Ln(e){if(e.__P&&e.__d){var t=e.__v,n=t.__e,s=[],r=[],a=de({},t);a.__v=t.__v+1,H.vnode&&H.vnode(a),ut(e.__P,a,t,e.__n,e.__P.namespaceURI,32&t.__u?[n]:null,s,n??be(t),!!(32&t.__u),r),a.__v=t.__v,a.__.__k[a.__i]=a,Ft(s,a,r),t.__e=t.__=null,a.__e!=n&&Nt(a)}}function Nt(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),Nt(e)}function Tt(e){(!e.__d&&(e.__d=!0)&&ge.push(e)&&!Ke.__r++||Mt!=H.debounceRendering)&&((Mt=H.debounceRendering)||Pt)(Ke)}function Ke(){try{for(var e,t=1;ge.length;)ge.length>t&&ge.sort(It),e=ge.shift(),t=ge.length,Ln(e)}finally{ge.length=Ke.__r=0}}function Lt(e,t,n,s,r,a,i,c,u,p,f){var x,d,_,b,I,T,M=s&&s.__k||je,m=t.length;for(u=Rn(n,t,M,u,m),x=0;x<m;x++)(_=n.__k[x])!=null&&(d=_.__i!=-1&&M[_.__i]||Oe,_.__i=x,T=ut(e,_,d,r,a,i,c,u,p,f),b=_.__e,_.ref&&d.ref!=_.ref&&(d.ref&&pt(d.ref,null,_),f.push(_.ref,_.__c||b,_)),I==null&&b!=null&&(I=b),4&_.__u?(u=Rt(_,u,e),d.__e&&(d.__e=null)):typeof _.type=="function"&&T!==void 0?u=T:b&&(u=b.nextSibling),_.__u&=-7);return n.__e=I,u}function Rn(e,t,n,s,r){var a,i,c,u,p,f=n.length,x=f,d=0;for(e.__k=new Array(r),a=0;a<r;a++)(i=t[a])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=e.__k[a]=He(null,i,null,null,null):Be(i)?i=e.__k[a]=He(Ve,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=e.__k[a]=He(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):e.__k[a]=i,u=a+d,i.__=e,i.__b=e.__b+1,c=null,(p=i.__i=qn(i,n,u,x))!=-1&&(x--,(c=n[p])&&(c.__u|=2)),c==null||c.__v==null?(p==-1&&(r>f?d--:r<f&&d++),typeof i.type!="function"&&(i.__u|=4)):p!=u&&(p==u-1?d--:p==u+1?d++:(p>u?d--:d++,i.__u|=4))):e.__k[a]=null;if(x)for(a=0;a<f;a++)(c=n[a])!=null&&!(2&c.__u)&&(c.__e==s&&(s=be(c)),Ut(c,c));return s}function Rt(e,t,n){var s,r;if(typeof e.type=="function"){for(s=e.__k,r=0;s&&r<s.length;r++)s[r]&&(s[r].__=e,t=Rt(s[r],t,n));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=be(e)),t=n.insertBefore(e.__e,t||null));do t=t&&t.nextSibling;while(t!=null&&t.nodeType==8);return t}function qn(e,t,n,s){var r,a,i,c=e.key,u=e.type,p=t[n],f=p!=null&&(2&p.__u)==0;if(p===null&&c==null||f&&c==p.key&&u==p.type)return n;if(s>(f?1:0)){for(r=n-1,a=n+1;r>=0||a<t.length;)if((p=t[i=r>=0?r--:a++])!=null&&!(2&p.__u)&&c==p.key&&u==p.type)return i}return-1}function zt(e,t,n){t[0]=="-"?e.setProperty(t,n??""):e[t]=n==null?"":typeof n!="number"||Nn.test(t)?n:n+"px"}function qe(e,t,n,s,r){var a,i;e:if(t=="style")if(typeof n=="string")e.style.cssText=n;else{if(typeof s=="string"&&(e.style.cssText=s=""),s)for(t in s)n&&t in n||zt(e.style,t,"");if(n)for(t in n)s&&n[t]==s[t]||zt(e.style,t,n[t])}else if(t[0]=="o"&&t[1]=="n")a=t!=(t=t.replace(At,"$1")),i=t.toLowerCase(),t=i in e||t=="onFocusOut"||t=="onFocusIn"?i.slice(2):t.slice(2),e.l||(e.l={}),e.l[t+a]=n,n?s?n[Ee]=s[Ee]:(n[Ee]=rt,e.addEventListener(t,a?it:at,a)):e.removeEventListener(t,a?it:at,a);else{if(r=="http://www.w3.org/2000/svg")t=t.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(t!="width"&&t!="height"&&t!="href"&&t!="list"&&t!="form"&&t!="tabIndex"&&t!="download"&&t!="rowSpan"&&t!="colSpan"&&t!="role"&&t!="popover"&&t in e)try{e[t]=n??"";break e}catch{}typeof n=="function"||(n==null||n===!1&&t[4]!="-"?e.removeAttribute(t):e.setAttribute(t,t=="popover"&&n==1?"":n))}}function Dt(e){return function(t){if(this.l){var n=this.l[t.type+e];if(t[Fe]==null)t[Fe]=rt++;else if(t[Fe]<n[Ee])return;return n(H.event?H.event(t):t)}}}function ut(e,t,n,s,r,a,i,c,u,p){var f,x,d,_,b,I,T,M,m,k,O,S,N,v,L,V,J=t.type;if(t.constructor!==void 0)return null;128&n.__u&&(u=!!(32&n.__u),a=[c=t.__e=n.__e]),(f=H.__b)&&f(t);e:if(typeof J=="function"){x=i.length;try{if(m=t.props,k=J.prototype&&J.prototype.render,O=(f=J.contextType)&&s[f.__c],S=f?O?O.props.value:f.__:s,n.__c?M=(d=t.__c=n.__c).__=d.__E:(k?t.__c=d=new J(m,S):(t.__c=d=new Ue(m,S),d.constructor=J,d.render=Hn),O&&O.sub(d),d.state||(d.state={}),d.__n=s,_=d.__d=!0,d.__h=[],d._sb=[]),k&&d.__s==null&&(d.__s=d.state),k&&J.getDerivedStateFromProps!=null&&(d.__s==d.state&&(d.__s=de({},d.__s)),de(d.__s,J.getDerivedStateFromProps(m,d.__s))),b=d.props,I=d.state,d.__v=t,_)k&&J.getDerivedStateFromProps==null&&d.componentWillMount!=null&&d.componentWillMount(),k&&d.componentDidMount!=null&&d.__h.push(d.componentDidMount);else{if(k&&J.getDerivedStateFromProps==null&&m!==b&&d.componentWillReceiveProps!=null&&d.componentWillReceiveProps(m,S),t.__v==n.__v||!d.__e&&d.shouldComponentUpdate!=null&&d.shouldComponentUpdate(m,d.__s,S)===!1){t.__v!=n.__v&&(d.props=m,d.state=d.__s,d.__d=!1),t.__e=n.__e,t.__k=n.__k,t.__k.some(function(B){B&&(B.__=t)}),je.push.apply(d.__h,d._sb),d._sb=[],d.__h.length&&i.push(d),c=be(n);break e}d.componentWillUpdate!=null&&d.componentWillUpdate(m,d.__s,S),k&&d.componentDidUpdate!=null&&d.__h.push(function(){d.componentDidUpdate(b,I,T)})}if(d.context=S,d.props=m,d.__P=e,d.__e=!1,N=H.__r,v=0,k)d.state=d.__s,d.__d=!1,N&&N(t),f=d.render(d.props,d.state,d.context),je.push.apply(d.__h,d._sb),d._sb=[];else do d.__d=!1,N&&N(t),f=d.render(d.props,d.state,d.context),d.state=d.__s;while(d.__d&&++v<25);d.state=d.__s,d.getChildContext!=null&&(s=de(de({},s),d.getChildContext())),k&&!_&&d.getSnapshotBeforeUpdate!=null&&(T=d.getSnapshotBeforeUpdate(b,I)),L=f!=null&&f.type===Ve&&f.key==null?Ht(f.props.children):f,c=Lt(e,Be(L)?L:[L],t,n,s,r,a,i,c,u,p),d.base=t.__e,t.__u&=-161,d.__h.length&&i.push(d),M&&(d.__E=d.__=null)}catch(B){if(i.length=x,t.__v=null,u||a!=null){if(B.then){for(t.__u|=u?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;a!=null&&(a[a.indexOf(c)]=null),t.__e=c}else if(a!=null)for(V=a.length;V--;)lt(a[V])}else t.__e=n.__e;t.__k==null&&(t.__k=n.__k||[]),B.then||qt(t),H.__e(B,t,n)}}else a==null&&t.__v==n.__v?(t.__k=n.__k,t.__e=n.__e):c=t.__e=Fn(n.__e,t,n,s,r,a,i,u,p);return(f=H.diffed)&&f(t),128&t.__u?void 0:c}function qt(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(qt))}function Ft(e,t,n){for(var s=0;s<n.length;s++)pt(n[s],n[++s],n[++s]);H.__c&&H.__c(t,e),e.some(function(r){try{e=r.__h,r.__h=[],e.some(function(a){a.call(r)})}catch(a){H.__e(a,r.__v)}})}function Ht(e){return typeof e!="object"||e==null||e.__b>0?e:Be(e)?e.map(Ht):e.constructor!==void 0?null:de({},e)}function Fn(e,t,n,s,r,a,i,c,u){var p,f,x,d,_,b,I,T=n.props||Oe,M=t.props,m=t.type;if(m=="svg"?r="http://www.w3.org/2000/svg":m=="math"?r="http://www.w3.org/1998/Math/MathML":r||(r="http://www.w3.org/1999/xhtml"),a!=null){for(p=0;p<a.length;p++)if((_=a[p])&&"setAttribute"in _==!!m&&(m?_.localName==m:_.nodeType==3)){e=_,a[p]=null;break}}if(e==null){if(m==null)return document.createTextNode(M);e=document.createElementNS(r,m,M.is&&M),c&&(H.__m&&H.__m(t,a),c=!1),a=null}if(m==null)T===M||c&&e.data==M||(e.data=M);else{if(a=m=="textarea"&&M.defaultValue!=null?null:a&&We.call(e.childNodes),!c&&a!=null)for(T={},p=0;p<e.attributes.length;p++)T[(_=e.attributes[p]).name]=_.value;for(p in T)_=T[p],p=="dangerouslySetInnerHTML"?x=_:p=="children"||p in M||p=="value"&&"defaultValue"in M||p=="checked"&&"defaultChecked"in M||qe(e,p,null,_,r);for(p in M)_=M[p],p=="children"?d=_:p=="dangerouslySetInnerHTML"?f=_:p=="value"?b=_:p=="checked"?I=_:c&&typeof _!="function"||T[p]===_||qe(e,p,_,T[p],r);if(f)c||x&&(f.__html==x.__html||f.__html==e.innerHTML)||(e.innerHTML=f.__html),t.__k=[];else if(x&&(e.innerHTML=""),Lt(t.type=="template"?e.content:e,Be(d)?d:[d],t,n,s,m=="foreignObject"?"http://www.w3.org/1999/xhtml":r,a,i,a?a[0]:n.__k&&be(n,0),c,u),a!=null)for(p=a.length;p--;)lt(a[p]);c&&m!="textarea"||(p="value",m=="progress"&&b==null?e.removeAttribute("value"):b!=null&&(b!==e[p]||m=="progress"&&!b||m=="option"&&b!=T[p])&&qe(e,p,b,T[p],r),p="checked",I!=null&&I!=e[p]&&qe(e,p,I,T[p],r))}return e}function pt(e,t,n){try{if(typeof e=="function"){var s=typeof e.__u=="function";s&&e.__u(),s&&t==null||(e.__u=e(t))}else e.current=t}catch(r){H.__e(r,n)}}function Ut(e,t,n){var s,r;if(H.unmount&&H.unmount(e),(s=e.ref)&&(s.current&&s.current!=e.__e||pt(s,null,t)),(s=e.__c)!=null){if(s.componentWillUnmount)try{s.componentWillUnmount()}catch(a){H.__e(a,t)}s.base=s.__P=s.__n=null}if(s=e.__k)for(r=0;r<s.length;r++)s[r]&&Ut(s[r],t,n||typeof e.type!="function");n||lt(e.__e),e.__c=e.__=e.__e=void 0}function Hn(e,t,n){return this.constructor(e,n)}function Ot(e,t,n){var s,r,a,i;t==document&&(t=document.documentElement),H.__&&H.__(e,t),r=(s=typeof n=="function")?null:n&&n.__k||t.__k,a=[],i=[],ut(t,e=(!s&&n||t).__k=ct(Ve,null,[e]),r||Oe,Oe,t.namespaceURI,!s&&n?[n]:r?null:t.firstChild?We.call(t.childNodes):null,a,!s&&n?n:r?r.__e:t.firstChild,s,i),Ft(a,e,i),e.props.children=null}We=je.slice,H={__e:function(e,t,n,s){for(var r,a,i;t=t.__;)if((r=t.__c)&&!r.__)try{if((a=r.constructor)&&a.getDerivedStateFromError!=null&&(r.setState(a.getDerivedStateFromError(e)),i=r.__d),r.componentDidCatch!=null&&(r.componentDidCatch(e,s||{}),i=r.__d),i)return r.__E=r}catch(c){e=c}throw e}},Et=0,In=function(e){return e!=null&&e.constructor===void 0},Ue.prototype.setState=function(e,t){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=de({},this.state),typeof e=="function"&&(e=e(de({},n),this.props)),e&&de(n,e),e!=null&&this.__v&&(t&&this._sb.push(t),Tt(this))},Ue.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),Tt(this))},Ue.prototype.render=Ve,ge=[],Pt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,It=function(e,t){return e.__v.__b-t.__v.__b},Ke.__r=0,st=Math.random().toString(8),Fe="__d"+st,Ee="__a"+st,At=/(PointerCapture)$|Capture$/i,rt=0,at=Dt(!1),it=Dt(!0),An=0;var Kt=function(e,t,n,s){var r;t[0]=0;for(var a=1;a<t.length;a++){var i=t[a++],c=t[a]?(t[0]|=i?1:2,n[t[a++]]):t[++a];i===3?s[0]=c:i===4?s[1]=Object.assign(s[1]||{},c):i===5?(s[1]=s[1]||{})[t[++a]]=c:i===6?s[1][t[++a]]+=c+"":i?(r=e.apply(c,Kt(e,c,n,["",null])),s.push(r),c[0]?t[0]|=2:(t[a-2]=0,t[a]=r)):s.push(c)}return s},jt=new Map;function Wt(e){var t=jt.get(this);return t||(t=new Map,jt.set(this,t)),(t=Kt(this,t.get(e)||(t.set(e,t=function(n){for(var s,r,a=1,i="",c="",u=[0],p=function(d){a===1&&(d||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?u.push(0,d,i):a===3&&(d||i)?(u.push(3,d,i),a=2):a===2&&i==="..."&&d?u.push(4,d,0):a===2&&i&&!d?u.push(5,0,!0,i):a>=5&&((i||!d&&a===5)&&(u.push(a,0,i,r),a=6),d&&(u.push(a,d,0,r),a=6)),i=""},f=0;f<n.length;f++){f&&(a===1&&p(),p(f));for(var x=0;x<n[f].length;x++)s=n[f][x],a===1?s==="<"?(p(),u=[u],a=3):i+=s:a===4?i==="--"&&s===">"?(a=1,i=""):i=s+i[0]:c?s===c?c="":i+=s:s==='"'||s==="'"?c=s:s===">"?(p(),a=1):a&&(s==="="?(a=5,r=i,i=""):s==="/"&&(a<5||n[f][x+1]===">")?(p(),a===3&&(u=u[0]),a=u,(u=u[0]).push(2,0,a),a=0):s===" "||s==="	"||s===`
`||s==="\r"?(p(),a=2):i+=s),a===3&&i==="!--"&&(a=4,u=u[0])}return p(),u}(e)),t),arguments,[])).length>1?t:t[0]}var l=Wt.bind(ct);var Pe,Z,dt,Bt,Ie=0,en=[],G=H,Vt=G.__b,Jt=G.__r,Zt=G.diffed,Gt=G.__c,Yt=G.unmount,Qt=G.__;function ft(e,t){G.__h&&G.__h(Z,e,Ie||t),Ie=0;var n=Z.__H||(Z.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function h(e){return Ie=1,Un(on,e)}function Un(e,t,n){var s=ft(Pe++,2);if(s.t=e,!s.__c&&(s.__=[n?n(t):on(void 0,t),function(c){var u=s.__N?s.__N[0]:s.__[0],p=s.t(u,c);u!==p&&(s.__N=[p,s.__[1]],s.__c.setState({}))}],s.__c=Z,!Z.__f)){var r=function(c,u,p){if(!s.__c.__H)return!0;var f=!1,x=s.__c.props!==c;if(s.__c.__H.__.some(function(_){if(_.__N){f=!0;var b=_.__[0];_.__=_.__N,_.__N=void 0,b!==_.__[0]&&(x=!0)}}),a){var d=a.call(this,c,u,p);return f?d||x:d}return!f||x};Z.__f=!0;var a=Z.shouldComponentUpdate,i=Z.componentWillUpdate;Z.componentWillUpdate=function(c,u,p){if(this.__e){var f=a;a=void 0,r(c,u,p),a=f}i&&i.call(this,c,u,p)},Z.shouldComponentUpdate=r}return s.__N||s.__}function E(e,t){var n=ft(Pe++,3);!G.__s&&nn(n.__H,t)&&(n.__=e,n.u=t,Z.__H.__h.push(n))}function ee(e){return Ie=5,tn(function(){return{current:e}},[])}function tn(e,t){var n=ft(Pe++,7);return nn(n.__H,t)&&(n.__=e(),n.__H=t,n.__h=e),n.__}function $t(e,t){return Ie=8,tn(function(){return e},t)}function On(){for(var e;e=en.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(Je),t.__h.some(mt),t.__h=[]}catch(n){t.__h=[],G.__e(n,e.__v)}}}G.__b=function(e){Z=null,Vt&&Vt(e)},G.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),Qt&&Qt(e,t)},G.__r=function(e){Jt&&Jt(e),Pe=0;var t=(Z=e.__c).__H;t&&(dt===Z?(t.__h=[],Z.__h=[],t.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(t.__h.some(Je),t.__h.some(mt),t.__h=[],Pe=0)),dt=Z},G.diffed=function(e){Zt&&Zt(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(en.push(t)!==1&&Bt===G.requestAnimationFrame||((Bt=G.requestAnimationFrame)||jn)(On)),t.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),dt=Z=null},G.__c=function(e,t){t.some(function(n){try{n.__h.some(Je),n.__h=n.__h.filter(function(s){return!s.__||mt(s)})}catch(s){t.some(function(r){r.__h&&(r.__h=[])}),t=[],G.__e(s,n.__v)}}),Gt&&Gt(e,t)},G.unmount=function(e){Yt&&Yt(e);var t,n=e.__c;n&&n.__H&&(n.__H.__.some(function(s){try{Je(s)}catch(r){t=r}}),n.__H=void 0,t&&G.__e(t,n.__v))};var Xt=typeof requestAnimationFrame=="function";function jn(e){var t,n=function(){clearTimeout(s),Xt&&cancelAnimationFrame(t),setTimeout(e)},s=setTimeout(n,35);Xt&&(t=requestAnimationFrame(n))}function Je(e){var t=Z,n=e.__c;typeof n=="function"&&(e.__c=void 0,n()),Z=t}function mt(e){var t=Z;e.__c=e.__(),Z=t}function nn(e,t){return!e||e.length!==t.length||t.some(function(n,s){return n!==e[s]})}function on(e,t){return typeof t=="function"?t(e):t}var gt="",sn=e=>{gt=e||""},ve=class extends Error{constructor(t,n,s,r){super(s||n),this.status=t,this.code=n,this.retryAfter=r}},an=()=>{},rn=e=>{an=e};async function ye(e,t,n,s={}){let r={Accept:"application/json",...s},a;n instanceof FormData||typeof n=="string"?a=n:n!==void 0&&(a=JSON.stringify(n),r["Content-Type"]="application/json"),e!=="GET"&&gt&&(r["X-CSRF-Token"]=gt);let i;try{i=await fetch(t,{method:e,headers:r,body:a,credentials:"same-origin"})}catch{throw new ve(0,"network","cannot reach the server")}let c=await i.text(),u=null;try{u=c?JSON.parse(c):null}catch{u=null}if(!i.ok){let p=u&&u.error||{},f=new ve(i.status,p.code||(i.status>=500?"unavailable":"http_"+i.status),p.message||i.statusText,i.headers.get("Retry-After"));throw i.status===401&&!t.startsWith("/api/v1/auth/")&&an(f),f}return u}var U=e=>ye("GET",e),K=(e,t,n)=>ye("POST",e,t===void 0?{}:t,n),re=(e,t)=>ye("PATCH",e,t),_t=(e,t)=>ye("PUT",e,t),ke=e=>ye("DELETE",e);function ae(e){let t=new URLSearchParams;for(let[s,r]of Object.entries(e))r!=null&&r!==""&&t.set(s,r);let n=t.toString();return n?"?"+n:""}var le=e=>e instanceof ve&&(e.code==="route_not_found"||e.code==="method_not_allowed"),Kn=["message.created","message.updated","conversation.created","conversation.updated","presence","typing","viewing","team.created","team.updated","team.deleted","user.created","user.updated","user.deleted","contact.updated","label.created","label.updated"];function ln(e,t=()=>{}){let n=new EventSource("/api/v1/events"),s=r=>{let a=null;try{a=JSON.parse(r.data)}catch{return}e(r.type,a)};for(let r of Kn)n.addEventListener(r,s);return n.onmessage=s,n.onopen=()=>t(!0),n.onerror=()=>t(!1),()=>n.close()}var we={me:null,account:null,users:[],teams:[],labels:[],inboxes:[],canned:[],attributes:[],online:!0,toasts:[],presence:{},shortcuts:[]},ht=new Set,xe=()=>we;function Q(e){Object.assign(we,typeof e=="function"?e(we):e);for(let t of ht)t()}function W(){let[,e]=h(0);return E(()=>{let t=()=>e(n=>n+1);return ht.add(t),()=>ht.delete(t)},[]),we}var Wn=0;function z(e,t={}){let n=++Wn;Q({toasts:[...we.toasts,{id:n,text:e,...t}]});let s=t.timeout??4e3;return s>0&&setTimeout(()=>Ze(n),s),n}function Ze(e){Q({toasts:we.toasts.filter(t=>t.id!==e)})}var Ge=e=>{let t=we.users.find(n=>n.id===e);return t?t.name||t.email:""};var Ye=new Set;function te(e,{replace:t=!1}={}){if(e!==location.pathname+location.search){history[t?"replaceState":"pushState"](null,"",e);for(let n of Ye)n()}}addEventListener("popstate",()=>{for(let e of Ye)e()});function cn(){let[e,t]=h(location.pathname);return E(()=>{let n=()=>t(location.pathname);return Ye.add(n),()=>Ye.delete(n)},[]),e.split("/").filter(Boolean)}function Qe(e){e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||(e.preventDefault(),te(e.currentTarget.getAttribute("href")))}var bt={"nav.main":"Main","nav.inbox":"Inbox","nav.contacts":"Contacts","nav.settings":"Settings","nav.signout":"Sign out","conn.live":"Live","conn.offline":"Offline","conn.reconnecting":"Connection lost. Reconnecting\u2026","login.title":"Sign in to your inbox","login.email":"E-mail address","login.password":"Password","login.submit":"Sign in","login.busy":"Signing in\u2026","login.wrong":"Wrong e-mail address or password. Check both and try again.","login.throttled":"Too many failed attempts. Wait {seconds} seconds, then try again.","login.disabled":"This user is disabled. Ask an administrator to enable it.","login.network":"Cannot reach the server. Check your connection and try again.","login.down":"The server cannot sign you in right now. Try again in a minute.","login.fill":"Enter your e-mail address and password.","tab.mine":"Mine","tab.unassigned":"Unassigned","tab.all":"All","inbox.list":"Conversations","inbox.thread":"Messages","inbox.search":"Search conversations","inbox.filters":"Filters","inbox.select":"Select {name}","inbox.you":"You","inbox.unread":"{n} unread","inbox.empty":"All caught up","inbox.empty.text":"No conversations match this view.","inbox.pick":"No conversation open","inbox.pick.text":"Pick one from the list, or press j to open the first.","inbox.unavailable":"Conversations are not available yet","inbox.unavailable.text":"This server does not offer the conversations API yet.","f.status":"Status","f.sort":"Sort","f.priority":"Priority","f.inbox":"Inbox","f.team":"Team","f.label":"Label","f.assignee":"Assignee","f.any":"Any","f.name":"Name","f.email":"E-mail","f.role":"Role","f.password":"Password","f.disabled":"Disabled","f.active":"Active","f.state":"State","f.description":"Description","f.members":"Members","f.color":"Colour","f.shortcut":"Shortcut","f.title":"Title","f.body":"Text","f.intent":"Intent","f.key":"Key","f.type":"Type","f.phone":"Phone","f.prefix":"Prefix","f.created":"Created","f.last_used":"Last used","f.language":"Language","f.timezone":"Time zone","status.open":"Open","status.pending":"Pending","status.snoozed":"Snoozed","status.resolved":"Resolved","status.all":"All","sort.last_activity":"Last activity","sort.waiting":"Longest waiting","sort.priority":"Priority","prio.none":"No priority","prio.low":"Low","prio.medium":"Medium","prio.high":"High","prio.urgent":"Urgent","role.agent":"Agent","role.supervisor":"Supervisor","role.administrator":"Administrator","action.assign":"Assign","action.team":"Team","action.status":"Status","action.priority":"Priority","action.label":"Label","action.snooze":"Snooze","action.resolve":"Resolve","action.reopen":"Reopen","assign.me":"{name} (me)","team.none":"No team","bulk.toolbar":"Bulk actions","bulk.selected":"{n} selected","bulk.all":"Select all","bulk.done":"Updated {n} conversations","snooze.hour":"For an hour","snooze.evening":"Until this evening","snooze.tomorrow":"Until tomorrow morning","snooze.week":"For a week","snooze.custom":"Until\u2026","snooze.until":"Snoozed until {when}","presence.viewing":"{name} is viewing","presence.typing":"{name} is typing\u2026","msg.image":"Photo","msg.video":"Video","msg.audio":"Audio","msg.voice":"Voice message","msg.document":"Document","msg.sticker":"Sticker","msg.location":"Location","msg.contacts":"Contact card","msg.contact":"Contact","msg.reaction":"reaction","msg.template":"Template","msg.unsupported":"Unsupported message ({type})","msg.media_failed":"The file could not be downloaded","msg.open_image":"Open the photo full size","msg.open_map":"Open in OpenStreetMap","msg.flow_reply":"Form answered","msg.button_reply":"Button reply","msg.list_reply":"List reply","msg.nfm_reply":"Form reply","msg.interactive":"Interactive reply","msg.button":"Button","msg.order":"Order","msg.items":"items","msg.note":"Private note","msg.automation":"Automation","msg.forwarded":"Forwarded","msg.quoted_missing":"A message not loaded","msg.failed":"Not delivered","msg.failed.unknown":"unknown reason","status.msg.received":"Received","status.msg.queued":"Waiting to send","status.msg.sending":"Sending","status.msg.sent":"Sent","status.msg.delivered":"Delivered","status.msg.read":"Read","status.msg.played":"Played","status.msg.failed":"Failed","status.msg.cancelled":"Cancelled","compose.reply":"Reply","compose.note":"Note","compose.reply.label":"Reply to the customer","compose.note.label":"Private note for the team","compose.reply.ph":"Write a reply\u2026  / for canned replies","compose.note.ph":"Write a note only your team sees\u2026  @ to mention","compose.send":"Send","compose.add_note":"Add note","compose.attach":"Attach files","compose.emoji":"Emoji","compose.preview":"Preview","compose.template":"Template","compose.hint":"Enter to send \xB7 Shift+Enter for a new line","compose.suggested":"Suggested:","compose.window_open":"Reply window closes in {left}","compose.window_shut":"Reply window closed","compose.closed.text":"More than 24 hours have passed since the customer last wrote. WhatsApp only allows an approved template until they write again.","compose.window_closed":"The 24-hour window has closed: send a template.","compose.sending":"Sending\u2026","compose.undo":"Undo","compose.undone":"Not sent. Your text is back in the composer.","compose.too_late":"Too late to undo: the message has been sent.","compose.failed":"Could not send: {why}","compose.too_big":"{name} is larger than 100 MB","compose.remove_file":"Remove {name}","tpl.none":"No approved templates for this inbox.","tpl.pick":"Template","tpl.param":"Parameter {n}","tpl.send":"Send template","contact.pane":"Contact details","contact.unknown":"Unknown","contact.name":"Name","contact.phone":"Phone","contact.email":"E-mail","contact.labels":"Labels","contact.notes":"Notes","contact.add_note":"Add a note about this contact","contact.history":"Previous conversations","contact.no_history":"None before this one.","contact.unavailable":"Contact details are not available yet.","labels.remove":"Remove label {name}","contacts.search":"Search by name, phone or e-mail","contacts.export":"Export CSV","contacts.import":"Import CSV","contacts.merge":"Merge","contacts.attribute":"Attribute","contacts.attr_value":"Value","contacts.last_seen":"Last seen","contacts.empty":"No contacts match","contacts.unavailable":"Contacts are not available yet","contacts.merge.text":"Choose the contact to keep. The others are merged into it with their conversations, notes and labels.","contacts.merge.go":"Merge {n} contacts","contacts.merged":"Contacts merged","contacts.import.text":"A CSV file with a header row: name, phone, email and any custom attribute keys.","contacts.import.file":"CSV file","contacts.import.result":"{created} created, {updated} updated, {failed} rejected","settings.profile":"Profile","settings.shortcuts":"Shortcuts","settings.labels":"Labels","settings.canned":"Canned replies","settings.agents":"Agents","settings.teams":"Teams","settings.attributes":"Custom attributes","settings.inboxes":"Inboxes","settings.tokens":"API tokens","settings.none":"Nothing here yet","settings.unavailable":"Not available on this server yet","tokens.once":"Copy this token now. It will not be shown again.","tokens.revoke":"Revoke","profile.password":"Password","profile.current":"Current password","profile.new":"New password","profile.change":"Change password","profile.pw_changed":"Password changed","shortcuts.text":"A key combination that inserts a canned reply while you write.","shortcuts.keys":"Keys","shortcuts.press":"Press the keys","shortcuts.canned":"Canned reply","shortcuts.nocanned":"Add canned replies first.","keys.title":"Keyboard shortcuts","keys.next":"Next conversation","keys.prev":"Previous conversation","keys.reply":"Reply","keys.note":"Private note","keys.assign":"Assign","keys.resolve":"Resolve or reopen","keys.select":"Select for bulk actions","keys.search":"Search","keys.help":"This list","keys.send":"Send","keys.newline":"New line","keys.escape":"Leave the field, close, clear selection","keys.custom":"Your own shortcuts are in Settings \u2192 Shortcuts.","common.loading":"Loading\u2026","common.back":"Back","common.close":"Close","common.dismiss":"Dismiss","common.save":"Save","common.saved":"Saved","common.add":"Add","common.edit":"Edit","common.delete":"Delete","common.done":"Done","common.more":"Load more","common.select":"Select","common.actions":"Actions","common.confirm_delete":"Delete {name}? This cannot be undone.","error.load":"Could not load: {what}"};var un={"nav.main":"\uBA54\uB274","nav.inbox":"\uBC1B\uC740 \uD3B8\uC9C0\uD568","nav.contacts":"\uC5F0\uB77D\uCC98","nav.settings":"\uC124\uC815","nav.signout":"\uB85C\uADF8\uC544\uC6C3","conn.live":"\uC2E4\uC2DC\uAC04 \uC5F0\uACB0\uB428","conn.offline":"\uC624\uD504\uB77C\uC778","conn.reconnecting":"\uC5F0\uACB0\uC774 \uB04A\uACBC\uC2B5\uB2C8\uB2E4. \uB2E4\uC2DC \uC5F0\uACB0\uD558\uB294 \uC911\u2026","login.title":"\uBC1B\uC740 \uD3B8\uC9C0\uD568\uC5D0 \uB85C\uADF8\uC778","login.email":"\uC774\uBA54\uC77C \uC8FC\uC18C","login.password":"\uBE44\uBC00\uBC88\uD638","login.submit":"\uB85C\uADF8\uC778","login.busy":"\uB85C\uADF8\uC778 \uC911\u2026","login.wrong":"\uC774\uBA54\uC77C \uC8FC\uC18C \uB610\uB294 \uBE44\uBC00\uBC88\uD638\uAC00 \uD2C0\uB838\uC2B5\uB2C8\uB2E4. \uD655\uC778 \uD6C4 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.throttled":"\uB85C\uADF8\uC778 \uC2E4\uD328\uAC00 \uB108\uBB34 \uB9CE\uC2B5\uB2C8\uB2E4. {seconds}\uCD08 \uD6C4\uC5D0 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.disabled":"\uBE44\uD65C\uC131\uD654\uB41C \uC0AC\uC6A9\uC790\uC785\uB2C8\uB2E4. \uAD00\uB9AC\uC790\uC5D0\uAC8C \uBB38\uC758\uD558\uC138\uC694.","login.network":"\uC11C\uBC84\uC5D0 \uC5F0\uACB0\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4. \uB124\uD2B8\uC6CC\uD06C\uB97C \uD655\uC778\uD558\uC138\uC694.","login.down":"\uC9C0\uAE08\uC740 \uC11C\uBC84\uAC00 \uB85C\uADF8\uC778\uC744 \uCC98\uB9AC\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4. \uC7A0\uC2DC \uD6C4 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.fill":"\uC774\uBA54\uC77C \uC8FC\uC18C\uC640 \uBE44\uBC00\uBC88\uD638\uB97C \uC785\uB825\uD558\uC138\uC694.","tab.mine":"\uB0B4 \uB300\uD654","tab.unassigned":"\uBBF8\uBC30\uC815","tab.all":"\uC804\uCCB4","inbox.list":"\uB300\uD654 \uBAA9\uB85D","inbox.thread":"\uBA54\uC2DC\uC9C0","inbox.search":"\uB300\uD654 \uAC80\uC0C9","inbox.filters":"\uD544\uD130","inbox.select":"{name} \uC120\uD0DD","inbox.you":"\uB098","inbox.unread":"\uC77D\uC9C0 \uC54A\uC74C {n}","inbox.empty":"\uBAA8\uB450 \uCC98\uB9AC\uD588\uC2B5\uB2C8\uB2E4","inbox.empty.text":"\uC774 \uBCF4\uAE30\uC5D0 \uD574\uB2F9\uD558\uB294 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","inbox.pick":"\uC5F4\uB9B0 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","inbox.pick.text":"\uBAA9\uB85D\uC5D0\uC11C \uC120\uD0DD\uD558\uAC70\uB098 j \uD0A4\uB97C \uB20C\uB7EC \uCCAB \uB300\uD654\uB97C \uC5EC\uC138\uC694.","inbox.unavailable":"\uC544\uC9C1 \uB300\uD654\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","inbox.unavailable.text":"\uC774 \uC11C\uBC84\uC5D0\uB294 \uC544\uC9C1 \uB300\uD654 API\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","f.status":"\uC0C1\uD0DC","f.sort":"\uC815\uB82C","f.priority":"\uC6B0\uC120\uC21C\uC704","f.inbox":"\uCC44\uB110","f.team":"\uD300","f.label":"\uB77C\uBCA8","f.assignee":"\uB2F4\uB2F9\uC790","f.any":"\uC804\uCCB4","f.name":"\uC774\uB984","f.email":"\uC774\uBA54\uC77C","f.role":"\uC5ED\uD560","f.password":"\uBE44\uBC00\uBC88\uD638","f.disabled":"\uBE44\uD65C\uC131","f.active":"\uD65C\uC131","f.state":"\uC0C1\uD0DC","f.description":"\uC124\uBA85","f.members":"\uAD6C\uC131\uC6D0","f.color":"\uC0C9\uC0C1","f.shortcut":"\uB2E8\uCD95\uC5B4","f.title":"\uC81C\uBAA9","f.body":"\uB0B4\uC6A9","f.intent":"\uC758\uB3C4","f.key":"\uD0A4","f.type":"\uC720\uD615","f.phone":"\uC804\uD654\uBC88\uD638","f.prefix":"\uC811\uB450\uC5B4","f.created":"\uC0DD\uC131\uC77C","f.last_used":"\uB9C8\uC9C0\uB9C9 \uC0AC\uC6A9","f.language":"\uC5B8\uC5B4","f.timezone":"\uC2DC\uAC04\uB300","status.open":"\uC9C4\uD589 \uC911","status.pending":"\uB300\uAE30","status.snoozed":"\uBCF4\uB958","status.resolved":"\uD574\uACB0\uB428","status.all":"\uC804\uCCB4","sort.last_activity":"\uCD5C\uADFC \uD65C\uB3D9\uC21C","sort.waiting":"\uC624\uB798 \uAE30\uB2E4\uB9B0 \uC21C","sort.priority":"\uC6B0\uC120\uC21C\uC704\uC21C","prio.none":"\uC6B0\uC120\uC21C\uC704 \uC5C6\uC74C","prio.low":"\uB0AE\uC74C","prio.medium":"\uBCF4\uD1B5","prio.high":"\uB192\uC74C","prio.urgent":"\uAE34\uAE09","role.agent":"\uC0C1\uB2F4\uC6D0","role.supervisor":"\uAD00\uB9AC\uC790","role.administrator":"\uCD5C\uACE0 \uAD00\uB9AC\uC790","action.assign":"\uBC30\uC815","action.team":"\uD300","action.status":"\uC0C1\uD0DC","action.priority":"\uC6B0\uC120\uC21C\uC704","action.label":"\uB77C\uBCA8","action.snooze":"\uBCF4\uB958","action.resolve":"\uD574\uACB0","action.reopen":"\uB2E4\uC2DC \uC5F4\uAE30","assign.me":"{name} (\uB098)","team.none":"\uD300 \uC5C6\uC74C","bulk.toolbar":"\uC77C\uAD04 \uC791\uC5C5","bulk.selected":"{n}\uAC1C \uC120\uD0DD\uB428","bulk.all":"\uBAA8\uB450 \uC120\uD0DD","bulk.done":"\uB300\uD654 {n}\uAC1C\uB97C \uBCC0\uACBD\uD588\uC2B5\uB2C8\uB2E4","snooze.hour":"1\uC2DC\uAC04 \uB3D9\uC548","snooze.evening":"\uC624\uB298 \uC800\uB141\uAE4C\uC9C0","snooze.tomorrow":"\uB0B4\uC77C \uC544\uCE68\uAE4C\uC9C0","snooze.week":"1\uC8FC\uC77C \uB3D9\uC548","snooze.custom":"\uC9C1\uC811 \uC9C0\uC815\u2026","snooze.until":"{when}\uAE4C\uC9C0 \uBCF4\uB958","presence.viewing":"{name} \uB2D8\uC774 \uBCF4\uB294 \uC911","presence.typing":"{name} \uB2D8\uC774 \uC785\uB825 \uC911\u2026","msg.image":"\uC0AC\uC9C4","msg.video":"\uB3D9\uC601\uC0C1","msg.audio":"\uC624\uB514\uC624","msg.voice":"\uC74C\uC131 \uBA54\uC2DC\uC9C0","msg.document":"\uBB38\uC11C","msg.sticker":"\uC2A4\uD2F0\uCEE4","msg.location":"\uC704\uCE58","msg.contacts":"\uC5F0\uB77D\uCC98 \uCE74\uB4DC","msg.contact":"\uC5F0\uB77D\uCC98","msg.reaction":"\uBC18\uC751","msg.template":"\uD15C\uD50C\uB9BF","msg.unsupported":"\uC9C0\uC6D0\uD558\uC9C0 \uC54A\uB294 \uBA54\uC2DC\uC9C0 ({type})","msg.media_failed":"\uD30C\uC77C\uC744 \uB0B4\uB824\uBC1B\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4","msg.open_image":"\uC0AC\uC9C4 \uD06C\uAC8C \uBCF4\uAE30","msg.open_map":"OpenStreetMap\uC5D0\uC11C \uC5F4\uAE30","msg.flow_reply":"\uC591\uC2DD \uC751\uB2F5","msg.button_reply":"\uBC84\uD2BC \uC751\uB2F5","msg.list_reply":"\uBAA9\uB85D \uC751\uB2F5","msg.nfm_reply":"\uC591\uC2DD \uC751\uB2F5","msg.interactive":"\uB300\uD654\uD615 \uC751\uB2F5","msg.button":"\uBC84\uD2BC","msg.order":"\uC8FC\uBB38","msg.items":"\uAC1C \uD488\uBAA9","msg.note":"\uB0B4\uBD80 \uBA54\uBAA8","msg.automation":"\uC790\uB3D9\uD654","msg.forwarded":"\uC804\uB2EC\uB428","msg.quoted_missing":"\uBD88\uB7EC\uC624\uC9C0 \uC54A\uC740 \uBA54\uC2DC\uC9C0","msg.failed":"\uC804\uC1A1 \uC2E4\uD328","msg.failed.unknown":"\uC54C \uC218 \uC5C6\uB294 \uC774\uC720","status.msg.received":"\uBC1B\uC74C","status.msg.queued":"\uC804\uC1A1 \uB300\uAE30","status.msg.sending":"\uC804\uC1A1 \uC911","status.msg.sent":"\uBCF4\uB0C4","status.msg.delivered":"\uC804\uB2EC\uB428","status.msg.read":"\uC77D\uC74C","status.msg.played":"\uC7AC\uC0DD\uB428","status.msg.failed":"\uC2E4\uD328","status.msg.cancelled":"\uCDE8\uC18C\uB428","compose.reply":"\uB2F5\uC7A5","compose.note":"\uBA54\uBAA8","compose.reply.label":"\uACE0\uAC1D\uC5D0\uAC8C \uB2F5\uC7A5","compose.note.label":"\uD300 \uB0B4\uBD80 \uBA54\uBAA8","compose.reply.ph":"\uB2F5\uC7A5\uC744 \uC785\uB825\uD558\uC138\uC694\u2026  / \uB85C \uBE60\uB978 \uB2F5\uBCC0","compose.note.ph":"\uD300\uB9CC \uBCFC \uC218 \uC788\uB294 \uBA54\uBAA8\u2026  @ \uB85C \uBA58\uC158","compose.send":"\uBCF4\uB0B4\uAE30","compose.add_note":"\uBA54\uBAA8 \uCD94\uAC00","compose.attach":"\uD30C\uC77C \uCCA8\uBD80","compose.emoji":"\uC774\uBAA8\uC9C0","compose.preview":"\uBBF8\uB9AC \uBCF4\uAE30","compose.template":"\uD15C\uD50C\uB9BF","compose.hint":"Enter \uBCF4\uB0B4\uAE30 \xB7 Shift+Enter \uC904\uBC14\uAFC8","compose.suggested":"\uCD94\uCC9C:","compose.window_open":"\uB2F5\uC7A5 \uAC00\uB2A5 \uC2DC\uAC04 {left} \uB0A8\uC74C","compose.window_shut":"\uB2F5\uC7A5 \uAC00\uB2A5 \uC2DC\uAC04 \uC885\uB8CC","compose.closed.text":"\uACE0\uAC1D\uC758 \uB9C8\uC9C0\uB9C9 \uBA54\uC2DC\uC9C0 \uD6C4 24\uC2DC\uAC04\uC774 \uC9C0\uB0AC\uC2B5\uB2C8\uB2E4. \uACE0\uAC1D\uC774 \uB2E4\uC2DC \uBA54\uC2DC\uC9C0\uB97C \uBCF4\uB0BC \uB54C\uAE4C\uC9C0 \uC2B9\uC778\uB41C \uD15C\uD50C\uB9BF\uB9CC \uBCF4\uB0BC \uC218 \uC788\uC2B5\uB2C8\uB2E4.","compose.window_closed":"24\uC2DC\uAC04 \uCC3D\uC774 \uB2EB\uD614\uC2B5\uB2C8\uB2E4. \uD15C\uD50C\uB9BF\uC744 \uBCF4\uB0B4\uC138\uC694.","compose.sending":"\uBCF4\uB0B4\uB294 \uC911\u2026","compose.undo":"\uC2E4\uD589 \uCDE8\uC18C","compose.undone":"\uBCF4\uB0B4\uC9C0 \uC54A\uC558\uC2B5\uB2C8\uB2E4. \uC785\uB825\uD55C \uB0B4\uC6A9\uC744 \uB418\uB3CC\uB824 \uB193\uC558\uC2B5\uB2C8\uB2E4.","compose.too_late":"\uC774\uBBF8 \uC804\uC1A1\uB418\uC5B4 \uCDE8\uC18C\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","compose.failed":"\uBCF4\uB0B4\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {why}","compose.too_big":"{name} \uD30C\uC77C\uC774 100MB\uBCF4\uB2E4 \uD07D\uB2C8\uB2E4","compose.remove_file":"{name} \uC81C\uAC70","tpl.none":"\uC774 \uCC44\uB110\uC5D0 \uC2B9\uC778\uB41C \uD15C\uD50C\uB9BF\uC774 \uC5C6\uC2B5\uB2C8\uB2E4.","tpl.pick":"\uD15C\uD50C\uB9BF","tpl.param":"\uBCC0\uC218 {n}","tpl.send":"\uD15C\uD50C\uB9BF \uBCF4\uB0B4\uAE30","contact.pane":"\uC5F0\uB77D\uCC98 \uC815\uBCF4","contact.unknown":"\uC54C \uC218 \uC5C6\uC74C","contact.name":"\uC774\uB984","contact.phone":"\uC804\uD654\uBC88\uD638","contact.email":"\uC774\uBA54\uC77C","contact.labels":"\uB77C\uBCA8","contact.notes":"\uBA54\uBAA8","contact.add_note":"\uC774 \uC5F0\uB77D\uCC98\uC5D0 \uB300\uD55C \uBA54\uBAA8 \uCD94\uAC00","contact.history":"\uC774\uC804 \uB300\uD654","contact.no_history":"\uC774\uC804 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","contact.unavailable":"\uC544\uC9C1 \uC5F0\uB77D\uCC98 \uC815\uBCF4\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","labels.remove":"{name} \uB77C\uBCA8 \uC81C\uAC70","contacts.search":"\uC774\uB984, \uC804\uD654\uBC88\uD638, \uC774\uBA54\uC77C\uB85C \uAC80\uC0C9","contacts.export":"CSV \uB0B4\uBCF4\uB0B4\uAE30","contacts.import":"CSV \uAC00\uC838\uC624\uAE30","contacts.merge":"\uBCD1\uD569","contacts.attribute":"\uC18D\uC131","contacts.attr_value":"\uAC12","contacts.last_seen":"\uCD5C\uADFC \uD65C\uB3D9","contacts.empty":"\uC77C\uCE58\uD558\uB294 \uC5F0\uB77D\uCC98\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","contacts.unavailable":"\uC544\uC9C1 \uC5F0\uB77D\uCC98\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","contacts.merge.text":"\uB0A8\uAE38 \uC5F0\uB77D\uCC98\uB97C \uACE0\uB974\uC138\uC694. \uB098\uBA38\uC9C0\uB294 \uB300\uD654, \uBA54\uBAA8, \uB77C\uBCA8\uACFC \uD568\uAED8 \uBCD1\uD569\uB429\uB2C8\uB2E4.","contacts.merge.go":"\uC5F0\uB77D\uCC98 {n}\uAC1C \uBCD1\uD569","contacts.merged":"\uBCD1\uD569\uD588\uC2B5\uB2C8\uB2E4","contacts.import.text":"\uCCAB \uC904\uC774 \uBA38\uB9AC\uAE00\uC778 CSV \uD30C\uC77C: name, phone, email \uBC0F \uC0AC\uC6A9\uC790 \uC815\uC758 \uC18D\uC131 \uD0A4.","contacts.import.file":"CSV \uD30C\uC77C","contacts.import.result":"{created}\uAC1C \uCD94\uAC00, {updated}\uAC1C \uAC31\uC2E0, {failed}\uAC1C \uAC70\uBD80","settings.profile":"\uD504\uB85C\uD544","settings.shortcuts":"\uB2E8\uCD95\uD0A4","settings.labels":"\uB77C\uBCA8","settings.canned":"\uBE60\uB978 \uB2F5\uBCC0","settings.agents":"\uC0C1\uB2F4\uC6D0","settings.teams":"\uD300","settings.attributes":"\uC0AC\uC6A9\uC790 \uC815\uC758 \uC18D\uC131","settings.inboxes":"\uCC44\uB110","settings.tokens":"API \uD1A0\uD070","settings.none":"\uC544\uC9C1 \uD56D\uBAA9\uC774 \uC5C6\uC2B5\uB2C8\uB2E4","settings.unavailable":"\uC774 \uC11C\uBC84\uC5D0\uC11C \uC544\uC9C1 \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","tokens.once":"\uC9C0\uAE08 \uC774 \uD1A0\uD070\uC744 \uBCF5\uC0AC\uD558\uC138\uC694. \uB2E4\uC2DC \uD45C\uC2DC\uB418\uC9C0 \uC54A\uC2B5\uB2C8\uB2E4.","tokens.revoke":"\uD3D0\uAE30","profile.password":"\uBE44\uBC00\uBC88\uD638","profile.current":"\uD604\uC7AC \uBE44\uBC00\uBC88\uD638","profile.new":"\uC0C8 \uBE44\uBC00\uBC88\uD638","profile.change":"\uBE44\uBC00\uBC88\uD638 \uBCC0\uACBD","profile.pw_changed":"\uBE44\uBC00\uBC88\uD638\uB97C \uBCC0\uACBD\uD588\uC2B5\uB2C8\uB2E4","shortcuts.text":"\uC785\uB825 \uC911\uC5D0 \uBE60\uB978 \uB2F5\uBCC0\uC744 \uB123\uB294 \uD0A4 \uC870\uD569\uC785\uB2C8\uB2E4.","shortcuts.keys":"\uD0A4","shortcuts.press":"\uD0A4\uB97C \uB204\uB974\uC138\uC694","shortcuts.canned":"\uBE60\uB978 \uB2F5\uBCC0","shortcuts.nocanned":"\uBA3C\uC800 \uBE60\uB978 \uB2F5\uBCC0\uC744 \uCD94\uAC00\uD558\uC138\uC694.","keys.title":"\uD0A4\uBCF4\uB4DC \uB2E8\uCD95\uD0A4","keys.next":"\uB2E4\uC74C \uB300\uD654","keys.prev":"\uC774\uC804 \uB300\uD654","keys.reply":"\uB2F5\uC7A5","keys.note":"\uB0B4\uBD80 \uBA54\uBAA8","keys.assign":"\uBC30\uC815","keys.resolve":"\uD574\uACB0 \uB610\uB294 \uB2E4\uC2DC \uC5F4\uAE30","keys.select":"\uC77C\uAD04 \uC791\uC5C5\uC6A9 \uC120\uD0DD","keys.search":"\uAC80\uC0C9","keys.help":"\uC774 \uBAA9\uB85D","keys.send":"\uBCF4\uB0B4\uAE30","keys.newline":"\uC904\uBC14\uAFC8","keys.escape":"\uC785\uB825\uB780 \uB098\uAC00\uAE30, \uB2EB\uAE30, \uC120\uD0DD \uD574\uC81C","keys.custom":"\uB098\uB9CC\uC758 \uB2E8\uCD95\uD0A4\uB294 \uC124\uC815 \u2192 \uB2E8\uCD95\uD0A4\uC5D0 \uC788\uC2B5\uB2C8\uB2E4.","common.loading":"\uBD88\uB7EC\uC624\uB294 \uC911\u2026","common.back":"\uB4A4\uB85C","common.close":"\uB2EB\uAE30","common.dismiss":"\uB2EB\uAE30","common.save":"\uC800\uC7A5","common.saved":"\uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4","common.add":"\uCD94\uAC00","common.edit":"\uD3B8\uC9D1","common.delete":"\uC0AD\uC81C","common.done":"\uC644\uB8CC","common.more":"\uB354 \uBCF4\uAE30","common.select":"\uC120\uD0DD","common.actions":"\uC791\uC5C5","common.confirm_delete":"{name}\uC744(\uB97C) \uC0AD\uC81C\uD560\uAE4C\uC694? \uB418\uB3CC\uB9B4 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","error.load":"\uBD88\uB7EC\uC624\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {what}"};var Bn={en:bt,ko:un},vt="en",De="en",yt;function Ae(e,t){De=e||navigator.language||"en",vt=De.toLowerCase().startsWith("ko")?"ko":"en";try{new Intl.DateTimeFormat(De,{timeZone:t||void 0}),yt=t||void 0}catch{yt=void 0}document.documentElement.lang=vt}function o(e,t){let n=Bn[vt][e]??bt[e]??e;return t&&(n=n.replace(/\{(\w+)\}/g,(s,r)=>r in t?t[r]:s)),n}var Se=e=>new Intl.DateTimeFormat(De,{timeZone:yt,...e});function ce(e){if(!e)return"";let t=new Date(e),n=Date.now(),s=Se({year:"numeric",month:"2-digit",day:"2-digit"});return s.format(t)===s.format(new Date(n))?Se({hour:"numeric",minute:"2-digit"}).format(t):n-e<6*864e5?Se({weekday:"short"}).format(t):Se({month:"short",day:"numeric"}).format(t)}var Xe=e=>e?Se({dateStyle:"medium",timeStyle:"short"}).format(new Date(e)):"",pn=e=>Se({hour:"numeric",minute:"2-digit"}).format(new Date(e)),dn=e=>Se({weekday:"long",month:"long",day:"numeric"}).format(new Date(e)),Ne=e=>new Intl.NumberFormat(De).format(e);function et(e){if(e==null)return"";let t=["B","KB","MB","GB"],n=0,s=e;for(;s>=1024&&n<t.length-1;)s/=1024,n++;return new Intl.NumberFormat(De,{maximumFractionDigits:n?1:0}).format(s)+" "+t[n]}function mn(e){let t=Math.max(0,Math.floor((e-Date.now())/1e3)),n=Math.floor(t/3600),s=Math.floor(t%3600/60);return`${n}:${String(s).padStart(2,"0")}:${String(t%60).padStart(2,"0")}`}var fn={logo:"M5 6a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3h-5l-4 4v-4a3 3 0 0 1-2-3z",inbox:"M3 13l3-9h12l3 9v6H3zM3 13h5l1 3h6l1-3h5",contacts:"M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M16 3.5a4 4 0 0 1 0 7.5M22 21v-1a6 6 0 0 0-4-5.6",settings:"M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z",logout:"M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9",search:"M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM21 21l-4.3-4.3",back:"M15 18l-6-6 6-6",send:"M22 2L11 13M22 2l-7 20-4-9-9-4z",clip:"M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5",smile:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01",check:"M20 6L9 17l-5-5",x:"M18 6L6 18M6 6l12 12",user:"M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",clock:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2",doc:"M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6",pin:"M12 22s7-7.5 7-13a7 7 0 0 0-14 0c0 5.5 7 13 7 13zM12 11a2 2 0 1 0 0-4 2 2 0 0 0 0 4z",info:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 16v-4M12 8h.01",forward:"M15 17l5-5-5-5M4 18v-2a4 4 0 0 1 4-4h12",note:"M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z",filter:"M22 3H2l8 9.5V19l4 2v-8.5z",alert:"M12 9v4M12 17h.01M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"};function P({name:e,size:t=18}){return l`<svg class="icon" width=${t} height=${t}
    viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
    focusable="false"><path d=${fn[e]||fn.info} /></svg>`}function $n(){let e=W();return l`<div class="toasts" role="status" aria-live="polite">
    ${e.toasts.map(t=>l`<div class=${"toast "+(t.kind||"")}
      key=${t.id}>
      <span>${t.text}</span>
      ${t.action&&l`<button class="btn link" onClick=${()=>{Ze(t.id),t.onAction()}}>${t.action}</button>`}
      <button class="btn icon ghost" aria-label=${o("common.dismiss")}
        onClick=${()=>Ze(t.id)}><${P} name="x" size=${14} />
      </button></div>`)}
  </div>`}function Y({title:e,onClose:t,children:n,wide:s}){let r=ee(null);E(()=>{let i=document.activeElement,c=r.current&&r.current.querySelector("input, select, textarea, button:not(.modal-close)");return c&&c.focus(),()=>i&&i.focus&&i.focus()},[]);let a=i=>{i.key==="Escape"&&(i.stopPropagation(),t())};return l`<div class="modal-back" onClick=${i=>i.target===i.currentTarget&&t()}>
    <div class=${"modal"+(s?" wide":"")} role="dialog"
      aria-modal="true" aria-label=${e} ref=${r} onKeyDown=${a}>
      <header><h2>${e}</h2>
        <button class="btn icon ghost modal-close" onClick=${t}
          aria-label=${o("common.close")}><${P} name="x" /></button>
      </header>
      <div class="modal-body">${n}</div>
    </div></div>`}var Vn=[210,260,330,20,150,190,40,290];function Me({name:e,size:t=32}){let n=(e||"?").trim(),s=0;for(let a of n)s=s*31+a.codePointAt(0)>>>0;let r=n.split(/\s+/).slice(0,2).map(a=>[...a][0]||"").join("").toUpperCase();return l`<span class=${"avatar hue-"+s%Vn.length}
    style=${{width:t+"px",height:t+"px"}}
    aria-hidden="true">${r}</span>`}function ue({label:e,onRemove:t}){let n=/^#[0-9a-fA-F]{6}$/.test(e.color||"")?e.color:"#8a8f98";return l`<span class="chip"><span class="dot"
    style=${{background:n}}></span><bdi>${e.name}</bdi>
    ${t&&l`<button class="chip-x" onClick=${t}
      aria-label=${o("labels.remove",{name:e.name})}>×</button>`}
  </span>`}var Ce=["none","low","medium","high","urgent"];function gn({value:e}){return e?l`<span class=${"prio p"+e}
    title=${o("prio."+Ce[e])}>
    <span class="sr-only">${o("prio."+Ce[e])}</span>
    ${"!".repeat(Math.min(e,3))}</span>`:null}function pe({title:e,text:t}){return l`<div class="empty"><p class="empty-title">${e}</p>
    ${t&&l`<p>${t}</p>`}</div>`}function Jn(e){switch(e.code){case"invalid_credentials":return o("login.wrong");case"rate_limited":return o("login.throttled",{seconds:e.retryAfter||60});case"unauthorized":return o("login.disabled");case"network":return o("login.network");case"missing_field":case"invalid_field":return o("login.fill");default:return e.status>=500?o("login.down"):e.message}}function _n({onDone:e}){let[t,n]=h(""),[s,r]=h(""),[a,i]=h(""),[c,u]=h(!1);async function p(f){if(f.preventDefault(),!t||!s){i(o("login.fill"));return}u(!0),i("");try{await K("/api/v1/auth/login",{email:t,password:s}),e(await U("/api/v1/me"))}catch(x){i(Jn(x)),u(!1)}}return l`<div class="login">
    <form class="login-card" onSubmit=${p} novalidate>
      <div class="login-brand"><${P} name="logo" /> Parley</div>
      <h1>${o("login.title")}</h1>
      <label for="email">${o("login.email")}</label>
      <input id="email" type="email" autocomplete="username" required
        value=${t} onInput=${f=>n(f.target.value)}
        aria-invalid=${a?"true":void 0} autofocus />
      <label for="password">${o("login.password")}</label>
      <input id="password" type="password" autocomplete="current-password"
        required value=${s}
        onInput=${f=>r(f.target.value)}
        aria-invalid=${a?"true":void 0} />
      ${a&&l`<p class="form-error" role="alert">${a}</p>`}
      <button class="btn primary wide" type="submit" disabled=${c}>
        ${c?o("login.busy"):o("login.submit")}</button>
    </form>
  </div>`}var kt=new Set;function tt(e){return kt.add(e),()=>kt.delete(e)}function hn(e,t){for(let n of kt)try{n(e,t)}catch(s){console.error(s)}}var F=e=>typeof e=="string"?e:e==null?"":String(e);function wt(e){let t=e.content||{};if(e.text)return e.text;switch(e.type){case"image":return"\u{1F4F7} "+(F(t.caption)||o("msg.image"));case"video":return"\u{1F3AC} "+(F(t.caption)||o("msg.video"));case"audio":return"\u{1F3A4} "+o(t.voice?"msg.voice":"msg.audio");case"document":return"\u{1F4C4} "+(F(t.filename)||o("msg.document"));case"sticker":return o("msg.sticker");case"location":return"\u{1F4CD} "+(F(t.name)||o("msg.location"));case"contacts":return"\u{1F464} "+o("msg.contacts");case"reaction":return F(t.emoji)+" "+o("msg.reaction");case"template":return o("msg.template");default:return o("msg.unsupported",{type:F(e.type)})}}function nt(e){let t=e.media&&e.media[0]||null;return!t||!t.id||t.state==="failed"?null:"/api/v1/media/"+encodeURIComponent(t.id)}function xt({text:e}){return e?l`<p class="msg-text"><bdi>${e}</bdi></p>`:null}function St({m:e,label:t}){let n=e.media&&e.media[0]||{};return l`<div class="media-missing"><${P} name="doc" />
    ${n.state==="failed"?o("msg.media_failed"):t}</div>`}function Zn({m:e,onZoom:t}){let n=nt(e),s=e.content||{};return l`<div class="msg-media">
    ${n?l`<button class="thumb" onClick=${()=>t(n)}
        aria-label=${o("msg.open_image")}>
        <img src=${n} alt=${F(s.caption)||o("msg.image")}
          loading="lazy" /></button>`:l`<${St} m=${e} label=${o("msg.image")} />`}
    <${xt} text=${F(s.caption)} /></div>`}function Gn({m:e}){let t=nt(e),n=e.content||{};return l`<div class="msg-media">
    <span class="media-kind">${o(n.voice?"msg.voice":"msg.audio")}</span>
    ${t?l`<audio controls preload="none" src=${t}></audio>`:l`<${St} m=${e} label=${o("msg.audio")} />`}</div>`}function Yn({m:e}){let t=nt(e),n=e.content||{};return l`<div class="msg-media">
    ${t?l`<video controls preload="metadata" src=${t}></video>`:l`<${St} m=${e} label=${o("msg.video")} />`}
    <${xt} text=${F(n.caption)} /></div>`}function Qn({m:e}){let t=nt(e),n=e.content||{},s=e.media&&e.media[0]||{},r=F(n.filename||s.filename)||o("msg.document"),a=l`<${P} name="doc" size=${22} /><span class="doc-text">
    <bdi class="doc-name">${r}</bdi>
    <span class="doc-size">${et(s.size)} ${F(s.mime_type)}</span>
    </span>`;return l`<div class="msg-media">
    ${t?l`<a class="doc" href=${t} download=${r}>${a}</a>`:l`<div class="doc">${a}</div>`}
    <${xt} text=${F(n.caption)} /></div>`}function Xn({m:e}){let t=e.content||{},n=Number(t.latitude),s=Number(t.longitude),a=Number.isFinite(n)&&Number.isFinite(s)&&Math.abs(n)<=90&&Math.abs(s)<=180?`https://www.openstreetmap.org/?mlat=${n}&mlon=${s}#map=16/${n}/${s}`:null;return l`<div class="loc"><${P} name="pin" size=${22} />
    <span><bdi class="loc-name">${F(t.name)||o("msg.location")}</bdi>
      ${t.address&&l`<bdi class="loc-addr">${F(t.address)}</bdi>`}
      ${a&&l`<a href=${a} target="_blank"
        rel="noopener noreferrer">${o("msg.open_map")}</a>`}
    </span></div>`}function eo({m:e}){let t=Array.isArray(e.content)?e.content:e.content&&e.content.contacts||[];return l`<div class="cards">${t.map((n,s)=>{let r=n.name&&(n.name.formatted_name||n.name.first_name);return l`<div class="card" key=${s}><${P} name="user" />
      <span><bdi class="card-name">${F(r)||o("msg.contact")}</bdi>
      ${(n.phones||[]).map(a=>l`<span class="card-phone">
        ${F(a.phone||a.wa_id)}</span>`)}
      ${(n.emails||[]).map(a=>l`<span class="card-phone">
        ${F(a.email)}</span>`)}</span></div>`})}</div>`}function to({m:e}){let t=e.content||{},n=t.button_reply||t.list_reply||t.nfm_reply||t,s=F(n.title||n.text||n.body||n.name);return t.type==="nfm_reply"&&!s&&(s=o("msg.flow_reply")),l`<div class="reply-chip"><span class="reply-kind">
    ${o("msg."+(t.type||"interactive"))}</span>
    <bdi>${s}</bdi>${n.description&&l`<span class="muted">
      ${F(n.description)}</span>`}</div>`}function no({m:e}){return l`<div class="unknown"><${P} name="alert" size=${16} />
    ${o("msg.unsupported",{type:F(e.type)||"?"})}</div>`}function oo({m:e,onZoom:t}){let n=e.content||{};switch(e.type){case"text":case"note":return l`<p class="msg-text"><bdi>${F(e.text??n.body)}</bdi></p>`;case"image":case"sticker":return l`<${Zn} m=${e}
    onZoom=${t} />`;case"audio":return l`<${Gn} m=${e} />`;case"video":return l`<${Yn} m=${e} />`;case"document":return l`<${Qn} m=${e} />`;case"location":return l`<${Xn} m=${e} />`;case"contacts":return l`<${eo} m=${e} />`;case"interactive":return l`<${to} m=${e} />`;case"button":return l`<div class="reply-chip"><span
    class="reply-kind">${o("msg.button")}</span>
    <bdi>${F(n.text||n.payload)}</bdi></div>`;case"template":return l`<div class="tpl"><span class="reply-kind">
    ${o("msg.template")} · ${F(n.name||n.template&&n.template.name)}
    </span>${e.text&&l`<p class="msg-text"><bdi>${e.text}</bdi></p>`}
    </div>`;case"order":return l`<div class="reply-chip"><span class="reply-kind">
    ${o("msg.order")}</span>${F(n.text)} · ${(n.product_items||[]).length} ${o("msg.items")}</div>`;case"system":return l`<p class="msg-text muted">${F(e.text||n.body)}</p>`;default:return e.text?l`<p class="msg-text"><bdi>${e.text}</bdi></p>`:l`<${no} m=${e} />`}}var so={queued:"clock",sending:"clock",sent:"\u2713",delivered:"\u2713\u2713",read:"\u2713\u2713",played:"\u2713\u2713",failed:"!",cancelled:"\xD7"};function ao({m:e}){if(e.direction!=="out"||e.private)return null;let t=e.status||"queued",n=so[t]||"";return l`<span class=${"tick "+t} title=${o("status.msg."+t)}
    data-status=${t}>
    ${n==="clock"?l`<${P} name="clock" size=${12} />`:n}
    <span class="sr-only">${o("status.msg."+t)}</span></span>`}function bn({m:e,quoted:t,reactions:n,onZoom:s}){let r=e.direction==="out",a="msg "+(e.private?"note":r?"out":"in")+(e.status==="failed"?" failed":"")+(e.status==="cancelled"?" cancelled":""),i=e.sender&&e.sender.type==="user"?Ge(e.sender.id):e.sender&&e.sender.type==="bot"?o("msg.automation"):"";return l`<div class=${a} data-id=${e.id} data-type=${e.type}>
    ${e.private&&l`<span class="note-tag">${o("msg.note")}</span>`}
    ${(r||e.private)&&i&&l`<span class="sender">
      ${i}</span>`}
    ${e.content&&e.content.context&&e.content.context.forwarded&&l`<span class="fwd"><${P} name="forward" size=${12} />
        ${o("msg.forwarded")}</span>`}
    ${e.reply_to_wamid&&l`<div class="quote"><bdi>${t?wt(t):o("msg.quoted_missing")}</bdi></div>`}
    <${oo} m=${e} onZoom=${s} />
    ${n&&n.length>0&&l`<span class="reactions">
      ${n.map(c=>F(c.content&&c.content.emoji)).join(" ")}
      </span>`}
    <span class="meta"><time title=${Xe(e.created_at)}>
      ${pn(e.created_at)}</time><${ao} m=${e} /></span>
    ${e.status==="failed"&&l`<span class="fail-reason" role="note">
      ${o("msg.failed")}: ${F(e.error&&(e.error.title||e.error.code))||o("msg.failed.unknown")}</span>`}
  </div>`}var io=["\u{1F600}","\u{1F60A}","\u{1F642}","\u{1F609}","\u{1F60D}","\u{1F64F}","\u{1F44D}","\u{1F44C}","\u{1F44F}","\u{1F389}","\u2764\uFE0F","\u2705","\u2B50","\u{1F525}","\u{1F622}","\u{1F605}","\u{1F914}","\u{1F4E6}","\u{1F69A}","\u{1F4B3}","\u{1F4DE}","\u23F0","\u{1F44B}","\u{1F64C}"],ro=()=>crypto.randomUUID?crypto.randomUUID():String(Date.now())+Math.random().toString(16).slice(2);function lo(e){return/^image\/(jpeg|png)$/.test(e)?"image":e==="image/webp"?"sticker":e.startsWith("video/")?"video":e.startsWith("audio/")?"audio":"document"}function co(e){let t=[],n=/(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```[^`]+```)/g,s=0,r;for(;r=n.exec(e);){r.index>s&&t.push(e.slice(s,r.index));let a=r[0];a.startsWith("```")?t.push(l`<code>${a.slice(3,-3)}</code>`):a[0]==="*"?t.push(l`<strong>${a.slice(1,-1)}</strong>`):a[0]==="_"?t.push(l`<em>${a.slice(1,-1)}</em>`):t.push(l`<s>${a.slice(1,-1)}</s>`),s=r.index+a.length}return t.push(e.slice(s)),t}function uo(e,t){let s=e.slice(0,t).match(/(^|\s)([/@][^\s/@]*)$/);return s?{text:s[2],start:t-s[2].length}:null}function vn({conv:e,onSent:t,bind:n}){let s=W(),[r,a]=h("reply"),[i,c]=h(""),[u,p]=h([]),[f,x]=h(!1),[d,_]=h(!1),[b,I]=h(null),[T,M]=h(0),[m,k]=h([]),[O,S]=h(!1),[N,v]=h(!1),[,L]=h(0),[V,J]=h(!1),B=ee(null),fe=ee(0),ne=e.window_expires_at,se=ne==null?!0:ne>Date.now(),g=ne!==void 0;n&&(n.current={focus:$=>{a($),setTimeout(()=>B.current&&B.current.focus(),0)}}),E(()=>{if(!ne)return;let $=setInterval(()=>L(C=>C+1),1e3);return()=>clearInterval($)},[ne]),E(()=>{if(r!=="reply"||i.length<3||i.startsWith("/")){k([]);return}let $=setTimeout(()=>{U("/api/v1/canned-replies/suggest"+ae({q:i,conversation_id:e.id})).then(C=>k((C&&C.data||[]).slice(0,3))).catch(()=>k(po(xe().canned,i)))},250);return()=>clearTimeout($)},[i,r]);function w($){let C=$.target.value;c(C);let A=uo(C,$.target.selectionStart);if(A&&A.text[0]==="/"&&r==="reply"){let j=A.text.slice(1).toLowerCase(),ie=s.canned.filter(oe=>(oe.shortcut||"").toLowerCase().startsWith(j)||(oe.title||"").toLowerCase().includes(j)).slice(0,8);I(ie.length?{kind:"canned",tok:A,items:ie}:null)}else if(A&&A.text[0]==="@"&&r==="note"){let j=A.text.slice(1).toLowerCase(),ie=s.users.filter(oe=>(oe.name||oe.email).toLowerCase().includes(j)).slice(0,8);I(ie.length?{kind:"mention",tok:A,items:ie}:null)}else I(null);M(0),D()}function D(){Date.now()-fe.current<3e3||(fe.current=Date.now(),K("/api/v1/conversations/"+e.id+"/typing").catch(()=>{}))}function X($){let{tok:C}=b,A=b.kind==="canned"?$e($.body)+" ":"@"+($.name||$.email).replace(/\s+/g,"")+" ",j=i.slice(0,C.start)+A+i.slice(C.start+C.text.length);c(j),I(null),B.current.focus()}function $e($){return($||"").replace(/\{\{\s*contact\.name\s*\}\}/g,e.contact&&e.contact.name||"").replace(/\{\{\s*agent\.name\s*\}\}/g,s.me.name||"")}function Le($){if(b){if($.key==="ArrowDown"){$.preventDefault(),M((T+1)%b.items.length);return}if($.key==="ArrowUp"){$.preventDefault(),M((T+b.items.length-1)%b.items.length);return}if($.key==="Enter"||$.key==="Tab"){$.preventDefault(),X(b.items[T]);return}if($.key==="Escape"){$.preventDefault(),I(null);return}}if($.key==="Escape"){$.target.blur();return}for(let C of s.shortcuts||[])if(mo($,C.keys)&&C.canned_id){let A=s.canned.find(j=>j.id===C.canned_id);if(A){$.preventDefault(),y($e(A.body));return}}$.key==="Enter"&&!$.shiftKey&&!$.isComposing&&($.preventDefault(),ze())}function y($){let C=B.current,A=C?C.selectionStart:i.length;c(i.slice(0,A)+$+i.slice(A))}function R($){let A=[...$].filter(j=>(j.size>104857600&&z(o("compose.too_big",{name:j.name}),{kind:"error"}),j.size<=104857600));p(j=>[...j,...A])}async function q($){let C=new FormData;C.append("file",$,$.name);let A=await K("/api/v1/media",C);return A.data||A}async function ze(){if(N||!i.trim()&&!u.length)return;if(r==="reply"&&g&&!se){S(!0);return}v(!0);let $=i.trim();try{if(r==="note")await _e({type:"note",text:{body:$},private:!0});else if(u.length)for(let C=0;C<u.length;C++){let A=await q(u[C]),j=lo(u[C].type||""),ie={id:A.id};C===0&&$&&j!=="audio"&&j!=="sticker"&&(ie.caption=$),j==="document"&&(ie.filename=u[C].name),await _e({type:j,[j]:ie})}else await _e({type:"text",text:{body:$}});c(""),p([]),x(!1)}catch(C){C instanceof ve&&C.code==="window_closed"?(z(o("compose.window_closed"),{kind:"error"}),S(!0)):z(o("compose.failed",{why:C.message}),{kind:"error"})}finally{v(!1)}}async function _e($){let C=await K("/api/v1/conversations/"+e.id+"/messages",$,{"Idempotency-Key":ro()}),A=C&&(C.data||C)||{};t(A),!$.private&&A.id&&he(A,$)}function he($,C){let A=s.account&&s.account.undo_send_ms||5e3,j=$.send_after?$.send_after-Date.now():A;return j<=0?void 0:z(o("compose.sending"),{action:o("compose.undo"),timeout:Math.min(j,A),onAction:async()=>{try{let oe=await K("/api/v1/messages/"+$.id+"/cancel");t({...$,...oe&&(oe.data||oe),status:"cancelled"}),C.text&&c(C.text.body),z(o("compose.undone"))}catch(oe){z(oe.status===409?o("compose.too_late"):oe.message,{kind:"error"})}}})}let Re=r==="reply"&&g&&!se;return l`<div class=${"composer "+r+(V?" drag":"")}
    onDragOver=${$=>{$.preventDefault(),J(!0)}}
    onDragLeave=${()=>J(!1)}
    onDrop=${$=>{$.preventDefault(),J(!1),R($.dataTransfer.files)}}>
    ${m.length>0&&l`<div class="suggest" aria-label=${o("compose.suggested")}><span class="muted">${o("compose.suggested")}
      </span>${m.map($=>l`<button class="btn small"
        key=${$.id} onClick=${()=>{c($e($.body)),k([]),B.current.focus()}}>${$.title||$.shortcut}</button>`)}
    </div>`}
    <div class="compose-tabs" role="tablist">
      <button role="tab" aria-selected=${r==="reply"}
        class=${"ctab"+(r==="reply"?" active":"")}
        onClick=${()=>a("reply")}>${o("compose.reply")} <kbd>r</kbd>
      </button>
      <button role="tab" aria-selected=${r==="note"}
        class=${"ctab"+(r==="note"?" active":"")}
        onClick=${()=>a("note")}>${o("compose.note")} <kbd>n</kbd>
      </button>
      <span class="window">${ne&&se?o("compose.window_open",{left:mn(ne)}):Re?o("compose.window_shut"):""}</span>
    </div>
    ${Re?l`<div class="closed-note"><p>${o("compose.closed.text")}
        </p><button class="btn primary" onClick=${()=>S(!0)}>
        ${o("compose.template")}</button></div>`:l`<div class="compose-box">
      ${b&&l`<ul class="popup" role="listbox">${b.items.map(($,C)=>l`<li role="option" aria-selected=${C===T}
          class=${C===T?"picked":""} key=${$.id}
          onMouseDown=${A=>{A.preventDefault(),X($)}}>
          ${b.kind==="canned"?l`<b>/${$.shortcut}</b>
            <span class="muted">${$.title}</span>`:l`<b>${$.name||$.email}</b>`}</li>`)}</ul>`}
      ${f?l`<div class="preview" aria-label=${o("compose.preview")}>
          ${i.split(`
`).map($=>l`<p>${co($)}</p>`)}</div>`:l`<textarea ref=${B} rows="3" value=${i}
          aria-label=${r==="note"?o("compose.note.label"):o("compose.reply.label")}
          placeholder=${r==="note"?o("compose.note.ph"):o("compose.reply.ph")}
          onInput=${w} onKeyDown=${Le}
          onPaste=${$=>{$.clipboardData.files.length&&($.preventDefault(),R($.clipboardData.files))}} />`}
      ${u.length>0&&l`<ul class="files">${u.map(($,C)=>l`<li key=${C}><${P} name="doc" size=${14} /><bdi>${$.name}</bdi>
          <span class="muted">${et($.size)}</span>
          <button class="chip-x" aria-label=${o("compose.remove_file",{name:$.name})} onClick=${()=>p(u.filter((A,j)=>j!==C))}>×</button></li>`)}</ul>`}
      <div class="compose-bar">
        <label class="btn icon ghost" title=${o("compose.attach")}>
          <${P} name="clip" /><span class="sr-only">${o("compose.attach")}
          </span><input type="file" multiple class="sr-only"
            onChange=${$=>{R($.target.files),$.target.value=""}} /></label>
        <button class="btn icon ghost" aria-label=${o("compose.emoji")}
          aria-expanded=${d} title=${o("compose.emoji")}
          onClick=${()=>_(!d)}><${P} name="smile" /></button>
        <button class=${"btn ghost small"+(f?" on":"")}
          aria-pressed=${f} onClick=${()=>x(!f)}>
          ${o("compose.preview")}</button>
        <button class="btn ghost small" onClick=${()=>S(!0)}>
          ${o("compose.template")}</button>
        <span class="spacer"></span>
        <span class="hint hide-sm">${o("compose.hint")}</span>
        <button class="btn primary" onClick=${ze} disabled=${N||!i.trim()&&!u.length}>
          <${P} name="send" size=${16} />
          ${r==="note"?o("compose.add_note"):o("compose.send")}
        </button>
      </div>
      ${d&&l`<div class="emoji-grid" role="group"
        aria-label=${o("compose.emoji")}>${io.map($=>l`<button
          class="btn ghost" onClick=${()=>{y($),_(!1)}}>${$}</button>`)}</div>`}
    </div>`}
    ${O&&l`<${fo} conv=${e} onClose=${()=>S(!1)} send=${async $=>{try{await _e($),S(!1)}catch(C){z(o("compose.failed",{why:C.message}),{kind:"error"})}}} />`}
  </div>`}function po(e,t){let n=t.toLowerCase().split(/\W+/).filter(s=>s.length>3);return e.filter(s=>n.some(r=>[s.shortcut,s.title,s.intent,s.body].some(a=>(a||"").toLowerCase().includes(r)))).slice(0,3)}function mo(e,t){if(!t)return!1;let n=t.toLowerCase().split("+"),s=n.pop();return e.key.toLowerCase()===s&&e.ctrlKey===n.includes("ctrl")&&e.altKey===n.includes("alt")&&e.shiftKey===n.includes("shift")&&e.metaKey===n.includes("meta")}function fo({conv:e,onClose:t,send:n}){let[s,r]=h(null),[a,i]=h(null),[c,u]=h([]);E(()=>{U("/api/v1/templates"+ae({inbox_id:e.inbox_id})).then(_=>r((_&&_.data||[]).filter(b=>!b.status||b.status==="APPROVED"||b.status==="approved"))).catch(()=>r([]))},[]);let p=a&&(a.components||[]).find(_=>(_.type||"").toUpperCase()==="BODY"),f=a?a.parameters?a.parameters.length:(p&&p.text||"").match(/\{\{\d+\}\}/g)?.length||0:0,x=p?(p.text||"").replace(/\{\{(\d+)\}\}/g,(_,b)=>c[b-1]||_):"";function d(){let _=f?[{type:"body",parameters:c.slice(0,f).map(b=>({type:"text",text:b}))}]:[];n({type:"template",template:{name:a.name,language:{code:a.language},components:_}})}return l`<${Y} title=${o("compose.template")} onClose=${t}>
    ${s===null?l`<p>${o("common.loading")}</p>`:s.length===0?l`<p>${o("tpl.none")}</p>`:l`<div class="stack">
      <label>${o("tpl.pick")}<select onChange=${_=>{i(s[Number(_.target.value)]||null),u([])}}>
        <option value="">—</option>
        ${s.map((_,b)=>l`<option value=${String(b)}>${_.name} ·
          ${_.language}${_.category?" \xB7 "+_.category:""}</option>`)}
      </select></label>
      ${Array.from({length:f},(_,b)=>l`<label key=${b}>
        ${a.parameters&&a.parameters[b]&&(a.parameters[b].name||a.parameters[b].example)||o("tpl.param",{n:b+1})}
        <input value=${c[b]||""} onInput=${I=>{let T=c.slice();T[b]=I.target.value,u(T)}} /></label>`)}
      ${a&&l`<div class="preview tpl-preview"><p>${x}</p></div>`}
      <button class="btn primary" disabled=${!a||c.slice(0,f).filter(Boolean).length<f} onClick=${d}>
        ${o("tpl.send")}</button></div>`}
  </${Y}>`}var $o=e=>e&&(e.tagName==="INPUT"||e.tagName==="TEXTAREA"||e.tagName==="SELECT"||e.isContentEditable);function ot(e){let t=ee(e);t.current=e,E(()=>{let n=s=>{if(s.ctrlKey||s.metaKey||s.altKey||s.key!=="Escape"&&$o(document.activeElement)||document.querySelector(".modal")&&s.key!=="Escape")return;let r=t.current[s.key];r&&(s.preventDefault(),r(s))};return addEventListener("keydown",n),()=>removeEventListener("keydown",n)},[])}var go=[["j","keys.next"],["k","keys.prev"],["r","keys.reply"],["n","keys.note"],["a","keys.assign"],["e","keys.resolve"],["x","keys.select"],["/","keys.search"],["?","keys.help"],["Enter","keys.send"],["Shift+Enter","keys.newline"],["Esc","keys.escape"]];function yn({onClose:e}){return l`<${Y} title=${o("keys.title")} onClose=${e}>
    <dl class="keys">${go.map(([t,n])=>l`<div key=${t}>
      <dt><kbd>${t}</kbd></dt><dd>${o(n)}</dd></div>`)}</dl>
    <p class="muted">${o("keys.custom")}</p></${Y}>`}var _o=50;function kn(e,t){let n=e.findIndex(s=>s.id===t.id);if(n>=0){let s=e.slice();return s[n]={...e[n],...t},s}return[...e,t].sort((s,r)=>s.created_at-r.created_at||s.id-r.id)}function wn({id:e,summary:t,onBack:n,onToggleContact:s,onChanged:r}){let a=W(),[i,c]=h(t||null),[u,p]=h([]),[f,x]=h(null),[d,_]=h(null),[b,I]=h(!1),[T,M]=h(!1),m=ee(null),k=ee(null),O=ee(!0);E(()=>{U("/api/v1/conversations/"+e).then(D=>c(D.data||D)).catch(D=>z(D.message,{kind:"error"})),S(null),K("/api/v1/conversations/"+e+"/read").catch(()=>{});let g=()=>K("/api/v1/conversations/"+e+"/viewing").catch(()=>{});g();let w=setInterval(g,2e4);return()=>clearInterval(w)},[e]);async function S(g){try{let w=await U("/api/v1/conversations/"+e+"/messages"+ae({cursor:g,limit:_o})),D=(w.data||[]).slice().reverse();p(X=>g?[...D,...X]:D),x(w.next_cursor||null)}catch(w){z(w.message,{kind:"error"})}}E(()=>tt((g,w)=>{if(g==="message.created"||g==="message.updated"){let D=w.message||w;if(D.conversation_id!==e)return;p(X=>kn(X,D)),g==="message.created"&&D.direction==="in"&&K("/api/v1/conversations/"+e+"/read").catch(()=>{})}else if(g==="conversation.updated"){let D=w.conversation||w;D.id===e&&c(X=>({...X,...D}))}}),[e]),E(()=>{let g=m.current;g&&O.current&&(g.scrollTop=g.scrollHeight)},[u]);function N(g){let w=g.currentTarget;if(O.current=w.scrollHeight-w.scrollTop-w.clientHeight<80,w.scrollTop<40&&f){let D=f;x(null);let X=w.scrollHeight;S(D).then(()=>{w.scrollTop=w.scrollHeight-X})}}async function v(g){try{let w=await re("/api/v1/conversations/"+e,g),D={...i,...w&&(w.data||w)};c(D),r(D)}catch(w){z(w.message,{kind:"error"})}}async function L(g,w){try{await(w?K:ke)("/api/v1/conversations/"+e+"/labels/"+g.id);let D=w?[...i.labels||[],g]:(i.labels||[]).filter(X=>X.id!==g.id);c({...i,labels:D}),r({...i,labels:D})}catch(D){z(D.message,{kind:"error"})}}let V=i&&i.status==="resolved";ot({e:()=>v({status:V?"open":"resolved"}),a:()=>document.getElementById("assign-select").focus(),r:()=>k.current&&k.current.focus("reply"),n:()=>k.current&&k.current.focus("note")});let J=new Map(u.filter(g=>g.wamid).map(g=>[g.wamid,g])),B=new Map;for(let g of u){if(g.type!=="reaction"||!g.content)continue;let w=g.content.message_id;B.set(w,[...B.get(w)||[],g])}let fe=i&&i.contact&&(i.contact.name||i.contact.phone||i.contact.wa_id),ne=Object.entries(a.presence[e]||{}).filter(([g,w])=>Number(g)!==a.me.id&&Date.now()-w.at<3e4),se="";return l`<div class="thread">
    <header class="thread-head">
      <button class="btn icon ghost back" onClick=${n}
        aria-label=${o("common.back")}><${P} name="back" /></button>
      <div class="thread-title">
        <h2><bdi>${fe||"\u2026"}</bdi></h2>
        <span class="muted">${i&&i.contact&&i.contact.phone}
          ${i&&i.status&&l` · ${o("status."+i.status)}`}
        </span>
      </div>
      <div class="thread-actions">
        <select id="assign-select" aria-label=${o("action.assign")}
          title=${o("action.assign")+" (a)"}
          value=${i&&i.assignee_id?String(i.assignee_id):""}
          onChange=${g=>v({assignee_id:Number(g.target.value)||null})}>
          <option value="">${o("tab.unassigned")}</option>
          ${a.users.filter(g=>!g.disabled).map(g=>l`<option
            value=${String(g.id)}>${g.id===a.me.id?o("assign.me",{name:g.name}):g.name||g.email}</option>`)}
        </select>
        <select aria-label=${o("action.team")}
          value=${i&&i.team_id?String(i.team_id):""}
          onChange=${g=>v({team_id:Number(g.target.value)||null})}>
          <option value="">${o("team.none")}</option>
          ${a.teams.map(g=>l`<option value=${String(g.id)}>
            ${g.name}</option>`)}
        </select>
        <select aria-label=${o("action.priority")}
          value=${String(i&&i.priority||0)}
          onChange=${g=>v({priority:Number(g.target.value)})}>
          ${Ce.map((g,w)=>l`<option value=${String(w)}>
            ${o("prio."+g)}</option>`)}
        </select>
        <button class="btn" onClick=${()=>I(!0)}
          title=${o("action.snooze")}><${P} name="clock" size=${16} />
          <span class="hide-sm">${o("action.snooze")}</span></button>
        <button class=${"btn "+(V?"":"primary")}
          onClick=${()=>v({status:V?"open":"resolved"})}
          title=${(V?o("action.reopen"):o("action.resolve"))+" (e)"}>
          <${P} name="check" size=${16} />
          <span class="hide-sm">${V?o("action.reopen"):o("action.resolve")}</span></button>
        <button class="btn icon ghost" onClick=${s}
          aria-label=${o("contact.pane")} title=${o("contact.pane")}>
          <${P} name="info" /></button>
      </div>
    </header>
    <div class="thread-sub">
      ${(i&&i.labels||[]).map(g=>l`<${ue} key=${g.id}
        label=${g} onRemove=${()=>L(g,!1)} />`)}
      ${a.labels.length>0&&l`<button class="btn link small"
        onClick=${()=>M(!T)}>+ ${o("action.label")}
        </button>`}
      ${T&&l`<select aria-label=${o("action.label")}
        onChange=${g=>{let w=a.labels.find(D=>String(D.id)===g.target.value);w&&L(w,!0),M(!1)}}>
        <option value="">${o("action.label")}</option>
        ${a.labels.filter(g=>!(i.labels||[]).some(w=>w.id===g.id)).map(g=>l`<option value=${String(g.id)}>${g.name}
          </option>`)}</select>`}
      ${i&&i.snoozed_until&&i.status==="snoozed"&&l`
        <span class="muted">${o("snooze.until",{when:new Date(i.snoozed_until).toLocaleString()})}</span>`}
      ${ne.length>0&&l`<span class="presence" role="status">
        ${ne.map(([g,w])=>o(w.type==="typing"?"presence.typing":"presence.viewing",{name:Ge(Number(g))||"#"+g})).join(" \xB7 ")}</span>`}
    </div>
    <div class="messages" ref=${m} onScroll=${N}
      role="log" aria-live="polite" aria-label=${o("inbox.thread")}>
      ${f&&l`<div class="muted center">${o("common.loading")}
        </div>`}
      ${u.filter(g=>g.type!=="reaction").map(g=>{let w=dn(g.created_at),D=w!==se;return se=w,l`${D&&l`<div class="day"><span>${w}</span>
          </div>`}<${bn} key=${g.id} m=${g}
          quoted=${g.reply_to_wamid&&J.get(g.reply_to_wamid)}
          reactions=${g.wamid&&B.get(g.wamid)}
          onZoom=${_} />`})}
    </div>
    ${i&&l`<${vn} bind=${k} conv=${i}
      onSent=${g=>p(w=>kn(w,g))} />`}
    ${d&&l`<${Y} title=${o("msg.image")} wide
      onClose=${()=>_(null)}><img class="zoomed" src=${d}
      alt="" /></${Y}>`}
    ${b&&l`<${ho} onClose=${()=>I(!1)}
      onPick=${g=>{I(!1),v({status:"snoozed",snoozed_until:g})}} />`}
  </div>`}function ho({onClose:e,onPick:t}){let[n,s]=h(""),r=new Date,a=(c,u=0)=>{let p=new Date(r);return p.setDate(p.getDate()+u),p.setHours(c,0,0,0),p.getTime()},i=[[o("snooze.hour"),Date.now()+36e5],[o("snooze.evening"),a(18)>Date.now()?a(18):a(18,1)],[o("snooze.tomorrow"),a(9,1)],[o("snooze.week"),a(9,7)]];return l`<${Y} title=${o("action.snooze")} onClose=${e}>
    <div class="stack">
      ${i.map(([c,u])=>l`<button class="btn wide"
        onClick=${()=>t(u)}>${c}</button>`)}
      <label>${o("snooze.custom")}<input type="datetime-local"
        value=${n} onInput=${c=>s(c.target.value)} /></label>
      <button class="btn primary" disabled=${!n}
        onClick=${()=>t(new Date(n).getTime())}>
        ${o("action.snooze")}</button>
    </div></${Y}>`}function me({label:e,value:t,onSave:n,type:s="text"}){let[r,a]=h(t||"");return E(()=>a(t||""),[t]),l`<label class="field"><span class="field-label">${e}</span>
    <input class="inplace" type=${s} value=${r}
      onInput=${c=>a(c.target.value)} onBlur=${()=>{(t||"")!==r&&n(r)}}
      onKeyDown=${c=>{c.key==="Enter"&&c.target.blur(),c.key==="Escape"&&(a(t||""),c.target.blur())}} />
  </label>`}function xn({conversationId:e,contactId:t,onClose:n}){let s=W(),[r,a]=h(null),[i,c]=h([]),[u,p]=h(""),[f,x]=h([]),[d,_]=h(!1);E(()=>{t&&(U("/api/v1/contacts/"+t).then(m=>a(m.data||m)).catch(m=>{le(m)&&_(!0)}),U("/api/v1/contacts/"+t+"/notes").then(m=>c(m.data||[])).catch(()=>{}),U("/api/v1/conversations"+ae({contact_id:t,status:"all",limit:10})).then(m=>x((m.data||[]).filter(k=>k.id!==e))).catch(()=>{}))},[t]);async function b(m){try{let k=await re("/api/v1/contacts/"+t,m);a({...r,...m,...k&&(k.data||k)})}catch(k){z(k.message,{kind:"error"})}}async function I(m){if(m.preventDefault(),!!u.trim())try{let k=await K("/api/v1/contacts/"+t+"/notes",{body:u.trim()});c([k.data||k,...i]),p("")}catch(k){z(k.message,{kind:"error"})}}async function T(m,k){try{await(k?K:ke)("/api/v1/contacts/"+t+"/labels/"+m.id);let O=k?[...r.labels||[],m]:(r.labels||[]).filter(S=>S.id!==m.id);a({...r,labels:O})}catch(O){z(O.message,{kind:"error"})}}if(d||!t)return l`<div class="contact">
    <p class="muted">${o("contact.unavailable")}</p></div>`;if(!r)return l`<div class="contact"><p class="muted">
    ${o("common.loading")}</p></div>`;let M=r.attributes||{};return l`<div class="contact">
    <header class="contact-head">
      <${Me} name=${r.name||r.phone} size=${48} />
      <div><h3><bdi>${r.name||r.phone||r.wa_id}</bdi></h3>
        <span class="muted">${r.phone||r.wa_id}</span></div>
      <button class="btn icon ghost close-contact" onClick=${n}
        aria-label=${o("common.close")}><${P} name="x" /></button>
    </header>
    <section class="contact-sec">
      <${me} label=${o("contact.name")} value=${r.name}
        onSave=${m=>b({name:m})} />
      <${me} label=${o("contact.phone")} value=${r.phone}
        onSave=${m=>b({phone:m})} type="tel" />
      <${me} label=${o("contact.email")} value=${r.email}
        onSave=${m=>b({email:m})} type="email" />
      ${s.attributes.filter(m=>!m.model||m.model==="contact").map(m=>l`<${me} key=${m.key||m.id}
          label=${m.name||m.key} value=${M[m.key]==null?"":String(M[m.key])}
          onSave=${k=>b({attributes:{...M,[m.key]:k}})} />`)}
    </section>
    <section class="contact-sec">
      <h4>${o("contact.labels")}</h4>
      <div class="chips">${(r.labels||[]).map(m=>l`<${ue}
        key=${m.id} label=${m} onRemove=${()=>T(m,!1)} />`)}
      ${s.labels.length>0&&l`<select aria-label=${o("action.label")}
        onChange=${m=>{let k=s.labels.find(O=>String(O.id)===m.target.value);k&&T(k,!0),m.target.value=""}}>
        <option value="">+ ${o("action.label")}</option>
        ${s.labels.filter(m=>!(r.labels||[]).some(k=>k.id===m.id)).map(m=>l`<option value=${String(m.id)}>${m.name}
          </option>`)}</select>`}</div>
    </section>
    <section class="contact-sec">
      <h4>${o("contact.notes")}</h4>
      <form onSubmit=${I} class="note-form">
        <textarea rows="2" value=${u} aria-label=${o("contact.add_note")}
          placeholder=${o("contact.add_note")}
          onInput=${m=>p(m.target.value)} />
        <button class="btn small" type="submit" disabled=${!u.trim()}>
          ${o("common.save")}</button>
      </form>
      <ul class="notes">${i.map(m=>l`<li key=${m.id}>
        <p><bdi>${m.body||m.text}</bdi></p><span class="muted"
        title=${Xe(m.created_at)}>${ce(m.created_at)}</span>
        </li>`)}</ul>
    </section>
    <section class="contact-sec">
      <h4>${o("contact.history")}</h4>
      ${f.length===0&&l`<p class="muted">${o("contact.no_history")}
        </p>`}
      <ul class="history">${f.map(m=>l`<li key=${m.id}>
        <a href=${"/inbox/"+m.id} onClick=${k=>{k.preventDefault(),te("/inbox/"+m.id)}}>#${m.id} · ${o("status."+m.status)}
          · ${ce(m.last_message_at)}</a></li>`)}</ul>
    </section>
  </div>`}var bo=["mine","unassigned","all"],vo=30;function yo(e,t,n){return ae({assignee:t.assignee||(e==="all"?"":e==="mine"?"me":"unassigned"),status:t.status,inbox_id:t.inbox_id,team_id:t.team_id,label:t.label,priority:t.priority,sort:t.sort,q:t.q,cursor:n,limit:vo})}function ko(e,t,n,s){return t==="mine"&&e.assignee_id!==s.id||t==="unassigned"&&e.assignee_id||n.status&&n.status!=="all"&&e.status!==n.status||n.inbox_id&&String(e.inbox_id)!==String(n.inbox_id)||n.team_id&&String(e.team_id)!==String(n.team_id)||n.priority&&String(e.priority)!==String(n.priority)?!1:!n.q}function Sn(e,t){return t==="waiting"?-(e.waiting_since||1/0):t==="priority"?(e.priority||0)*1e15+(e.last_message_at||0):e.last_message_at||0}function Cn({id:e}){let t=W(),[n,s]=h(()=>localStorage.getItem("parley.tab")||"mine"),[r,a]=h({status:"open",sort:"last_activity"}),[i,c]=h([]),[u,p]=h(null),[f,x]=h(!0),[d,_]=h(!1),[b,I]=h({}),[T,M]=h(new Set),[m,k]=h(!1),[O,S]=h(!1),[N,v]=h(!1),L=ee(null),V=ee(0),J=$t(async y=>{let R=y?V.current:++V.current;x(!0);try{let q=await U("/api/v1/conversations"+yo(n,r,y?u:""));if(R!==V.current)return;c(ze=>y?[...ze,...q.data]:q.data),p(q.next_cursor||null),_(!1)}catch(q){le(q)?_(!0):z(o("error.load",{what:q.message}),{kind:"error"})}finally{R===V.current&&x(!1)}},[n,r,u]),B=$t(()=>{U("/api/v1/conversations/counts").then(I).catch(()=>{})},[]);E(()=>{J(!1),M(new Set)},[n,r]),E(B,[]),E(()=>localStorage.setItem("parley.tab",n),[n]),E(()=>tt((y,R)=>{if(y==="conversation.created"||y==="conversation.updated"){let q=R.conversation||R;if(!q||!q.id)return;if(!q.contact){ne(q.id);return}fe(q),B()}else if(y==="message.created"){let q=R.message||R;ne(q.conversation_id),B()}}),[n,r,t.me]);function fe(y){c(R=>{let q=R.filter(he=>he.id!==y.id);if(!ko(y,n,r,xe().me))return q;let ze={...R.find(he=>he.id===y.id)||{},...y},_e=[...q,ze];return _e.sort((he,Re)=>Sn(Re,r.sort)-Sn(he,r.sort)),_e})}function ne(y){y&&U("/api/v1/conversations/"+y).then(R=>fe(R.data||R)).catch(()=>{})}let se=y=>te(y?"/inbox/"+y:"/inbox"),g=i.findIndex(y=>y.id===e);ot({j:()=>i.length&&se(i[Math.min(g+1,i.length-1)].id),k:()=>i.length&&se(i[Math.max(g-1,0)].id),"/":()=>L.current&&L.current.focus(),"?":()=>S(!0),Escape:()=>{S(!1),M(new Set)},x:()=>e&&w(e)});function w(y){M(R=>{let q=new Set(R);return q.has(y)?q.delete(y):q.add(y),q})}let D=ee(null);E(()=>{if(!D.current||!u)return;let y=new IntersectionObserver(R=>{R.some(q=>q.isIntersecting)&&!f&&J(!0)});return y.observe(D.current),()=>y.disconnect()},[u,f,J]);let X=(y,R)=>a(q=>({...q,[y]:R})),$e=i.find(y=>y.id===e),Le=y=>{let R=b[y];return R==null?null:typeof R=="number"?R:R.unread??R.open??R.total};return l`<div class=${"inbox"+(e?" has-thread":"")+(m?" show-contact":"")}>
    <section class="list-pane" aria-label=${o("inbox.list")}>
      <header class="list-head">
        <div class="tabs" role="tablist">
          ${bo.map(y=>l`<button role="tab" key=${y}
            aria-selected=${n===y} class=${"tab"+(n===y?" active":"")} onClick=${()=>s(y)}>
            ${o("tab."+y)}${Le(y)?l` <span class="count">
              ${Le(y)}</span>`:""}</button>`)}
        </div>
        <div class="search-row">
          <label class="search"><${P} name="search" size=${16} />
            <span class="sr-only">${o("inbox.search")}</span>
            <input ref=${L} type="search" placeholder=${o("inbox.search")+"  /"} value=${r.q||""}
              onKeyDown=${y=>{y.key==="Escape"&&y.target.blur()}}
              onChange=${y=>X("q",y.target.value)} /></label>
          <button class=${"btn icon ghost"+(N?" on":"")}
            aria-expanded=${N} aria-label=${o("inbox.filters")}
            title=${o("inbox.filters")}
            onClick=${()=>v(!N)}>
            <${P} name="filter" size=${16} /></button>
        </div>
        ${N&&l`<${wo} f=${r} setF=${X}
          tab=${n} />`}
      </header>
      ${T.size>0&&l`<${So} ids=${[...T]}
        done=${()=>{M(new Set),J(!1),B()}}
        all=${()=>M(new Set(i.map(y=>y.id)))} />`}
      <ul class="conv-list" role="listbox" aria-label=${o("inbox.list")}
        aria-multiselectable="true">
        ${i.map(y=>l`<${xo} key=${y.id} c=${y}
          active=${y.id===e} checked=${T.has(y.id)}
          onOpen=${()=>se(y.id)} onCheck=${()=>w(y.id)} />`)}
      </ul>
      ${u&&l`<div ref=${D} class="sentinel">
        ${o("common.loading")}</div>`}
      ${!f&&!i.length&&(d?l`<${pe} title=${o("inbox.unavailable")}
            text=${o("inbox.unavailable.text")} />`:l`<${pe} title=${o("inbox.empty")}
            text=${o("inbox.empty.text")} />`)}
    </section>
    <section class="thread-pane" aria-label=${o("inbox.thread")}>
      ${e?l`<${wn} key=${e} id=${e} summary=${$e}
          onBack=${()=>se(null)}
          onToggleContact=${()=>k(!m)}
          onChanged=${y=>fe(y)} />`:l`<${pe} title=${o("inbox.pick")}
            text=${o("inbox.pick.text")} />`}
    </section>
    ${e&&l`<aside class="contact-pane" aria-label=${o("contact.pane")}>
      <${xn} key=${e} conversationId=${e}
        contactId=${$e&&$e.contact&&$e.contact.id}
        onClose=${()=>k(!1)} /></aside>`}
    ${O&&l`<${yn} onClose=${()=>S(!1)} />`}
  </div>`}function wo({f:e,setF:t,tab:n}){let s=W(),r=(a,i,c)=>l`<label class="filter">
    <span>${i}</span>
    <select value=${e[a]||""} onChange=${u=>t(a,u.target.value)}>
      ${c.map(([u,p])=>l`<option value=${u}>${p}</option>`)}
    </select></label>`;return l`<div class="filters">
    ${r("status",o("f.status"),[["",o("f.any")],...["open","pending","snoozed","resolved","all"].map(a=>[a,o("status."+a)])])}
    ${r("sort",o("f.sort"),[["last_activity",o("sort.last_activity")],["waiting",o("sort.waiting")],["priority",o("sort.priority")]])}
    ${r("priority",o("f.priority"),[["",o("f.any")],...Ce.map((a,i)=>[String(i),o("prio."+a)])])}
    ${s.inboxes.length>0&&r("inbox_id",o("f.inbox"),[["",o("f.any")],...s.inboxes.map(a=>[String(a.id),a.name])])}
    ${r("team_id",o("f.team"),[["",o("f.any")],...s.teams.map(a=>[String(a.id),a.name])])}
    ${s.labels.length>0&&r("label",o("f.label"),[["",o("f.any")],...s.labels.map(a=>[a.name,a.name])])}
    ${n==="all"&&r("assignee",o("f.assignee"),[["",o("f.any")],["me",o("tab.mine")],["unassigned",o("tab.unassigned")],...s.users.map(a=>[String(a.id),a.name||a.email])])}
  </div>`}function xo({c:e,active:t,checked:n,onOpen:s,onCheck:r}){let a=e.contact&&(e.contact.name||e.contact.phone||e.contact.wa_id)||o("contact.unknown"),i=e.last_message;return l`<li role="option" aria-selected=${t}
    class=${"conv"+(t?" active":"")+(e.unread_count?" unread":"")+(n?" checked":"")}>
    <input type="checkbox" class="conv-check" checked=${n}
      onChange=${r} aria-label=${o("inbox.select",{name:a})} />
    <button class="conv-main" onClick=${s}>
      <${Me} name=${a} size=${36} />
      <span class="conv-text">
        <span class="conv-top"><bdi class="conv-name">${a}</bdi>
          <${gn} value=${e.priority} />
          <time class="conv-time">${ce(e.last_message_at)}</time>
        </span>
        <span class="conv-bottom">
          <bdi class="conv-preview">${i?(i.direction==="out"?o("inbox.you")+": ":"")+wt(i):""}</bdi>
          ${e.unread_count>0&&l`<span class="badge"
            aria-label=${o("inbox.unread",{n:e.unread_count})}>
            ${e.unread_count}</span>`}
        </span>
        ${e.labels&&e.labels.length>0&&l`<span class="conv-labels">
          ${e.labels.slice(0,3).map(c=>l`<${ue} key=${c.id}
            label=${c} />`)}</span>`}
      </span>
    </button>
  </li>`}function So({ids:e,done:t,all:n}){let s=W();async function r(i){try{await K("/api/v1/conversations/bulk",{ids:e,...i}),z(o("bulk.done",{n:e.length})),t()}catch(c){z(c.message,{kind:"error"})}}let a=(i,c,u)=>l`<select aria-label=${i}
    onChange=${p=>{p.target.value!==""&&u(p.target.value),p.target.value=""}}>
    <option value="">${i}</option>
    ${c.map(([p,f])=>l`<option value=${p}>${f}</option>`)}
  </select>`;return l`<div class="bulk-bar" role="toolbar"
    aria-label=${o("bulk.toolbar")}>
    <span class="bulk-count">${o("bulk.selected",{n:e.length})}</span>
    <button class="btn link" onClick=${n}>${o("bulk.all")}</button>
    ${a(o("action.assign"),[["0",o("tab.unassigned")],...s.users.map(i=>[String(i.id),i.name||i.email])],i=>r({assignee_id:Number(i)||null}))}
    ${a(o("action.team"),s.teams.map(i=>[String(i.id),i.name]),i=>r({team_id:Number(i)}))}
    ${a(o("action.status"),["open","pending","resolved"].map(i=>[i,o("status."+i)]),i=>r({status:i}))}
    ${a(o("action.priority"),Ce.map((i,c)=>[String(c),o("prio."+i)]),i=>r({priority:Number(i)}))}
    ${s.labels.length>0&&a(o("action.label"),s.labels.map(i=>[String(i.id),i.name]),i=>r({add_labels:[Number(i)]}))}
  </div>`}function Mn({id:e}){let t=W(),[n,s]=h(""),[r,a]=h(""),[i,c]=h({key:"",value:""}),[u,p]=h([]),[f,x]=h(null),[d,_]=h(!1),[b,I]=h(new Set),[T,M]=h(!1),[m,k]=h(!1);async function O(v){try{let L=await U("/api/v1/contacts"+ae({q:n,label:r,attribute:i.key&&i.value?i.key+":"+i.value:"",cursor:v?f:"",limit:50}));p(v?[...u,...L.data]:L.data),x(L.next_cursor||null)}catch(L){le(L)?_(!0):z(L.message,{kind:"error"})}}E(()=>{O(!1)},[n,r,i.key,i.value]);let S=v=>I(L=>{let V=new Set(L);return V.has(v)?V.delete(v):V.add(v),V}),N=e&&u.find(v=>String(v.id)===String(e));return l`<div class="contacts-page">
    <section class="contacts-list">
      <header class="page-head"><h1>${o("nav.contacts")}</h1>
        <div class="head-actions">
          <a class="btn" href="/api/v1/contacts/export.csv" download>
            ${o("contacts.export")}</a>
          <button class="btn" onClick=${()=>k(!0)}>
            ${o("contacts.import")}</button>
          <button class="btn" disabled=${b.size<2}
            onClick=${()=>M(!0)}>${o("contacts.merge")}</button>
        </div></header>
      <div class="filters row">
        <label class="search grow"><${P} name="search" size=${16} />
          <span class="sr-only">${o("contacts.search")}</span>
          <input type="search" placeholder=${o("contacts.search")}
            value=${n} onChange=${v=>s(v.target.value)} /></label>
        ${t.labels.length>0&&l`<select aria-label=${o("f.label")}
          value=${r} onChange=${v=>a(v.target.value)}>
          <option value="">${o("f.label")}: ${o("f.any")}</option>
          ${t.labels.map(v=>l`<option value=${v.name}>${v.name}
          </option>`)}</select>`}
        ${t.attributes.length>0&&l`<select aria-label=${o("contacts.attribute")} value=${i.key} onChange=${v=>c({...i,key:v.target.value})}>
          <option value="">${o("contacts.attribute")}</option>
          ${t.attributes.map(v=>l`<option value=${v.key}>${v.name||v.key}</option>`)}</select>
          <input aria-label=${o("contacts.attr_value")} value=${i.value}
            placeholder=${o("contacts.attr_value")}
            onChange=${v=>c({...i,value:v.target.value})}
            />`}
      </div>
      ${d?l`<${pe} title=${o("contacts.unavailable")} />`:u.length===0?l`<${pe} title=${o("contacts.empty")} />`:l`<table class="table">
        <thead><tr><th class="narrow"><span class="sr-only">
          ${o("common.select")}</span></th><th>${o("contact.name")}</th>
          <th>${o("contact.phone")}</th><th class="hide-sm">
          ${o("contact.labels")}</th><th class="hide-sm">
          ${o("contacts.last_seen")}</th></tr></thead>
        <tbody>${u.map(v=>l`<tr key=${v.id}
          class=${String(v.id)===String(e)?"active":""}>
          <td><input type="checkbox" checked=${b.has(v.id)}
            aria-label=${o("inbox.select",{name:v.name||v.phone})}
            onChange=${()=>S(v.id)} /></td>
          <td><a href=${"/contacts/"+v.id} onClick=${L=>{L.preventDefault(),te("/contacts/"+v.id)}}
            class="row-link"><${Me} name=${v.name||v.phone}
            size=${24} /><bdi>${v.name||"\u2014"}</bdi></a></td>
          <td>${v.phone||v.wa_id}</td>
          <td class="hide-sm">${(v.labels||[]).map(L=>l`<${ue}
            key=${L.id} label=${L} />`)}</td>
          <td class="hide-sm">${ce(v.last_seen_at||v.updated_at)}
          </td></tr>`)}</tbody></table>`}
      ${f&&l`<button class="btn wide" onClick=${()=>O(!0)}>
        ${o("common.more")}</button>`}
    </section>
    ${e&&l`<aside class="contact-side">
      <${Co} id=${e} initial=${N}
        onClose=${()=>te("/contacts")}
        onSaved=${v=>p(u.map(L=>L.id===v.id?{...L,...v}:L))} /></aside>`}
    ${T&&l`<${Mo} rows=${u.filter(v=>b.has(v.id))}
      onClose=${()=>M(!1)} onDone=${()=>{M(!1),I(new Set),O(!1)}} />`}
    ${m&&l`<${To} onClose=${()=>k(!1)}
      onDone=${()=>O(!1)} />`}
  </div>`}function Co({id:e,initial:t,onClose:n,onSaved:s}){let r=W(),[a,i]=h(t||null);E(()=>{U("/api/v1/contacts/"+e).then(p=>i(p.data||p)).catch(p=>z(p.message,{kind:"error"}))},[e]);async function c(p){try{let f=await re("/api/v1/contacts/"+e,p),x={...a,...p,...f&&(f.data||f)};i(x),s(x),z(o("common.saved"))}catch(f){z(f.message,{kind:"error"})}}if(!a)return l`<p class="muted">${o("common.loading")}</p>`;let u=a.attributes||{};return l`<div class="contact">
    <header class="contact-head"><${Me} name=${a.name||a.phone}
      size=${40} /><h3><bdi>${a.name||a.phone}</bdi></h3>
      <button class="btn icon ghost" onClick=${n}
        aria-label=${o("common.close")}><${P} name="x" /></button>
    </header>
    <section class="contact-sec">
      <${me} label=${o("contact.name")} value=${a.name}
        onSave=${p=>c({name:p})} />
      <${me} label=${o("contact.phone")} value=${a.phone}
        onSave=${p=>c({phone:p})} type="tel" />
      <${me} label=${o("contact.email")} value=${a.email}
        onSave=${p=>c({email:p})} type="email" />
      ${r.attributes.map(p=>l`<${me} key=${p.key}
        label=${p.name||p.key} value=${u[p.key]==null?"":String(u[p.key])}
        onSave=${f=>c({attributes:{...u,[p.key]:f}})} />`)}
    </section></div>`}function Mo({rows:e,onClose:t,onDone:n}){let[s,r]=h(e[0]&&e[0].id);async function a(){try{await K("/api/v1/contacts/merge",{primary_id:s,duplicate_ids:e.map(i=>i.id).filter(i=>i!==s)}),z(o("contacts.merged")),n()}catch(i){z(i.message,{kind:"error"})}}return l`<${Y} title=${o("contacts.merge")} onClose=${t}>
    <p>${o("contacts.merge.text")}</p>
    <fieldset class="stack">${e.map(i=>l`<label class="radio"
      key=${i.id}><input type="radio" name="keep" checked=${s===i.id}
      onChange=${()=>r(i.id)} /><bdi>${i.name||"\u2014"}</bdi>
      <span class="muted">${i.phone||i.wa_id}</span></label>`)}
    </fieldset>
    <button class="btn primary" onClick=${a}>${o("contacts.merge.go",{n:Ne(e.length)})}</button></${Y}>`}function To({onClose:e,onDone:t}){let[n,s]=h(null),[r,a]=h(null);async function i(){try{let c=await ye("POST","/api/v1/contacts/import",await n.text(),{"Content-Type":"text/csv"});a(c&&(c.data||c)||{}),t()}catch(c){z(c.message,{kind:"error"})}}return l`<${Y} title=${o("contacts.import")} onClose=${e}>
    <p>${o("contacts.import.text")}</p>
    <input type="file" accept=".csv,text/csv" aria-label=${o("contacts.import.file")}
      onChange=${c=>s(c.target.files[0]||null)} />
    ${r&&l`<p role="status">${o("contacts.import.result",{created:Ne(r.created||0),updated:Ne(r.updated||0),failed:Ne((r.errors||[]).length||r.failed||0)})}</p>`}
    <button class="btn primary" disabled=${!n} onClick=${i}>
      ${o("contacts.import")}</button></${Y}>`}var Tn={agent:1,supervisor:2,administrator:3},zo=[["profile","agent"],["shortcuts","agent"],["labels","supervisor"],["canned","supervisor"],["agents","administrator"],["teams","administrator"],["attributes","administrator"],["inboxes","administrator"],["tokens","administrator"]];function zn({section:e}){let t=W(),n=Tn[t.me.role]||1,s=zo.filter(([,a])=>Tn[a]<=n),r=s.find(([a])=>a===e)?e:"profile";return l`<div class="settings">
    <nav class="settings-nav" aria-label=${o("nav.settings")}>
      <h1>${o("nav.settings")}</h1>
      ${s.map(([a])=>l`<a key=${a} href=${"/settings/"+a}
        onClick=${Qe} class=${"snav"+(a===r?" active":"")}
        aria-current=${a===r?"page":void 0}>
        ${o("settings."+a)}</a>`)}
    </nav>
    <section class="settings-body">${Do(r)}</section>
  </div>`}function Do(e){switch(e){case"shortcuts":return l`<${Ao} />`;case"agents":return l`<${Te} key="agents" path="/api/v1/users"
    title=${o("settings.agents")} store="users" fields=${[{key:"name",label:o("f.name"),required:!0},{key:"email",label:o("f.email"),type:"email",required:!0,createOnly:!0},{key:"role",label:o("f.role"),options:["agent","supervisor","administrator"].map(t=>[t,o("role."+t)])},{key:"password",label:o("f.password"),type:"password",createOnly:!0,required:!0},{key:"disabled",label:o("f.disabled"),type:"checkbox",editOnly:!0}]} columns=${[["name",o("f.name")],["email",o("f.email")],["role",o("f.role"),t=>o("role."+t)],["disabled",o("f.state"),t=>t?o("f.disabled"):o("f.active")]]} noDelete />`;case"teams":return l`<${Te} key="teams" path="/api/v1/teams"
    title=${o("settings.teams")} store="teams" fields=${[{key:"name",label:o("f.name"),required:!0},{key:"description",label:o("f.description")}]}
    columns=${[["name",o("f.name")],["description",o("f.description")],["member_count",o("f.members")]]} extra=${Po} />`;case"labels":return l`<${Te} key="labels" path="/api/v1/labels"
    title=${o("settings.labels")} store="labels" fields=${[{key:"name",label:o("f.name"),required:!0},{key:"color",label:o("f.color"),type:"color"}]}
    columns=${[["name",o("f.name"),(t,n)=>l`<${ue} label=${n} />`]]}
    />`;case"canned":return l`<${Te} key="canned"
    path="/api/v1/canned-replies" title=${o("settings.canned")}
    store="canned" fields=${[{key:"shortcut",label:o("f.shortcut"),required:!0},{key:"title",label:o("f.title"),required:!0},{key:"body",label:o("f.body"),type:"textarea",required:!0},{key:"intent",label:o("f.intent")}]}
    columns=${[["shortcut",o("f.shortcut"),t=>"/"+t],["title",o("f.title")],["intent",o("f.intent")]]} />`;case"attributes":return l`<${Te} key="attributes"
    path="/api/v1/attributes" title=${o("settings.attributes")}
    store="attributes" fields=${[{key:"key",label:o("f.key"),required:!0,createOnly:!0},{key:"name",label:o("f.name"),required:!0},{key:"type",label:o("f.type"),options:["text","number","date","boolean","list"].map(t=>[t,t])}]}
    columns=${[["key",o("f.key")],["name",o("f.name")],["type",o("f.type")]]} />`;case"inboxes":return l`<${Te} key="inboxes" path="/api/v1/inboxes"
    title=${o("settings.inboxes")} store="inboxes" fields=${[{key:"name",label:o("f.name"),required:!0}]}
    columns=${[["name",o("f.name")],["phone_number",o("f.phone")],["phone_number_id","phone_number_id"]]} noCreate />`;case"tokens":return l`<${Te} key="tokens" path="/api/v1/tokens"
    title=${o("settings.tokens")} fields=${[{key:"name",label:o("f.name"),required:!0}]}
    columns=${[["name",o("f.name")],["prefix",o("f.prefix")],["created_at",o("f.created"),t=>ce(t)],["last_used_at",o("f.last_used"),t=>t?ce(t):"\u2014"]]}
    noEdit showSecret="token" />`;default:return l`<${Io} />`}}function Te({path:e,title:t,fields:n,columns:s,store:r,noCreate:a,noEdit:i,noDelete:c,extra:u,showSecret:p}){let[f,x]=h(null),[d,_]=h(null),[b,I]=h(!1),[T,M]=h("");async function m(){try{let S=await U(e+"?limit=200");x(S.data||[]),r&&Q({[r]:S.data||[]})}catch(S){le(S)?I(!0):z(S.message,{kind:"error"}),x([])}}E(()=>{m()},[e]);async function k(S){try{if(d.id)await re(e+"/"+d.id,S);else{let N=await K(e,S);p&&N&&N[p]&&M(N[p])}_(null),z(o("common.saved")),m()}catch(N){z(N.message,{kind:"error"})}}async function O(S){if(confirm(o("common.confirm_delete",{name:S.name||S.id})))try{await ke(e+"/"+S.id),m()}catch(N){z(N.message,{kind:"error"})}}return b?l`<h2>${t}</h2><${pe}
    title=${o("settings.unavailable")} />`:l`<div>
    <header class="page-head"><h2>${t}</h2>
      ${!a&&l`<button class="btn primary"
        onClick=${()=>_({})}>${o("common.add")}</button>`}</header>
    ${T&&l`<div class="secret" role="alert"><p>
      ${o("tokens.once")}</p><code>${T}</code>
      <button class="btn small" onClick=${()=>M("")}>
        ${o("common.done")}</button></div>`}
    ${f===null?l`<p class="muted">${o("common.loading")}</p>`:f.length===0?l`<${pe} title=${o("settings.none")} />`:l`<table class="table"><thead><tr>
        ${s.map(([S,N])=>l`<th key=${S}>${N}</th>`)}
        <th class="narrow"><span class="sr-only">${o("common.actions")}
        </span></th></tr></thead>
        <tbody>${f.map(S=>l`<tr key=${S.id}>
          ${s.map(([N,,v])=>l`<td key=${N}>${v?v(S[N],S):S[N]==null?"\u2014":String(S[N])}</td>`)}
          <td class="row-actions">
            ${!i&&l`<button class="btn small"
              onClick=${()=>_(S)}>${o("common.edit")}</button>`}
            ${!c&&l`<button class="btn small danger"
              onClick=${()=>O(S)}>${i?o("tokens.revoke"):o("common.delete")}</button>`}
          </td></tr>`)}</tbody></table>`}
    ${d&&l`<${Y} title=${d.id?o("common.edit"):o("common.add")} onClose=${()=>_(null)}>
      <${Eo} fields=${n.filter(S=>d.id?!S.createOnly:!S.editOnly)} initial=${d} onSubmit=${k} />
      ${u&&d.id&&l`<${u} row=${d} />`}
    </${Y}>`}
  </div>`}function Eo({fields:e,initial:t,onSubmit:n}){let[s,r]=h(()=>Object.fromEntries(e.map(i=>[i.key,t[i.key]??(i.options?i.options[0][0]:i.type==="color"?"#4f46e5":i.type==="checkbox"?!1:"")])));return l`<form class="stack" onSubmit=${i=>{i.preventDefault();let c={};for(let u of e)t[u.key]!==s[u.key]&&(c[u.key]=s[u.key]);n(c)}}>
    ${e.map(i=>l`<label key=${i.key} class=${i.type==="checkbox"?"check":""}>${i.type!=="checkbox"&&i.label}
      ${i.options?l`<select value=${s[i.key]} onChange=${c=>r({...s,[i.key]:c.target.value})}>${i.options.map(([c,u])=>l`<option value=${c}>${u}</option>`)}</select>`:i.type==="textarea"?l`<textarea rows="4" value=${s[i.key]}
          required=${i.required} onInput=${c=>r({...s,[i.key]:c.target.value})} />`:i.type==="checkbox"?l`<input type="checkbox"
          checked=${s[i.key]} onChange=${c=>r({...s,[i.key]:c.target.checked})} /> ${i.label}`:l`<input type=${i.type||"text"} value=${s[i.key]}
          required=${i.required} onInput=${c=>r({...s,[i.key]:c.target.value})} />`}</label>`)}
    <button class="btn primary" type="submit">${o("common.save")}</button>
  </form>`}function Po({row:e}){let t=W(),[n,s]=h([]),r="/api/v1/teams/"+e.id+"/members",a=()=>U(r).then(c=>s((c.data||[]).map(u=>u.user_id||u.id))).catch(()=>{});E(()=>{a()},[e.id]);async function i(c,u){try{await(u?_t:ke)(r+"/"+c),a()}catch(p){z(p.message,{kind:"error"})}}return l`<fieldset class="members"><legend>${o("f.members")}</legend>
    ${t.users.map(c=>l`<label class="check" key=${c.id}>
      <input type="checkbox" checked=${n.includes(c.id)}
        onChange=${u=>i(c.id,u.target.checked)} />
      ${c.name||c.email}</label>`)}</fieldset>`}function Io(){let e=W(),[t,n]=h({name:e.me.name||"",locale:e.me.locale||"en",timezone:e.me.timezone||""}),[s,r]=h({current_password:"",new_password:""}),a=typeof Intl.supportedValuesOf=="function"?Intl.supportedValuesOf("timeZone"):[];async function i(u){u.preventDefault();try{let p={};for(let[d,_]of Object.entries(t))_!==""&&_!==(e.me[d]||"")&&(p[d]=_);let f=await re("/api/v1/me",p),x=f&&(f.user||f)||{};Q({me:{...e.me,...t,...x}}),Ae(t.locale,t.timezone),Q({}),z(o("common.saved"))}catch(p){z(p.message,{kind:"error"})}}async function c(u){u.preventDefault();try{await re("/api/v1/me",s),r({current_password:"",new_password:""}),z(o("profile.pw_changed"))}catch(p){z(p.message,{kind:"error"})}}return l`<div class="narrow-col">
    <h2>${o("settings.profile")}</h2>
    <form class="stack" onSubmit=${i}>
      <label>${o("f.name")}<input value=${t.name} onInput=${u=>n({...t,name:u.target.value})} /></label>
      <label>${o("f.language")}<select value=${t.locale} onChange=${u=>n({...t,locale:u.target.value})}>
        <option value="en">English</option><option value="ko">한국어</option>
      </select></label>
      <label>${o("f.timezone")}<input list="zones" value=${t.timezone}
        onInput=${u=>n({...t,timezone:u.target.value})} />
        <datalist id="zones">${a.map(u=>l`<option value=${u} />`)}
        </datalist></label>
      <button class="btn primary" type="submit">${o("common.save")}</button>
    </form>
    <h3>${o("profile.password")}</h3>
    <form class="stack" onSubmit=${c}>
      <label>${o("profile.current")}<input type="password"
        autocomplete="current-password" value=${s.current_password}
        onInput=${u=>r({...s,current_password:u.target.value})}
        /></label>
      <label>${o("profile.new")}<input type="password"
        autocomplete="new-password" value=${s.new_password}
        onInput=${u=>r({...s,new_password:u.target.value})} />
      </label>
      <button class="btn" type="submit" disabled=${!s.current_password||!s.new_password}>${o("profile.change")}</button>
    </form></div>`}function Ao(){let e=W(),[t,n]=h(""),[s,r]=h("");async function a(c){Q({shortcuts:c});try{await _t("/api/v1/me/shortcuts",{data:c})}catch{localStorage.setItem("parley.shortcuts",JSON.stringify(c))}}function i(c){if(["Control","Shift","Alt","Meta","Tab"].includes(c.key))return;c.preventDefault();let u=[];c.ctrlKey&&u.push("Ctrl"),c.altKey&&u.push("Alt"),c.shiftKey&&u.push("Shift"),c.metaKey&&u.push("Meta"),u.push(c.key.length===1?c.key.toUpperCase():c.key),n(u.join("+"))}return l`<div class="narrow-col"><h2>${o("settings.shortcuts")}</h2>
    <p class="muted">${o("shortcuts.text")}</p>
    <ul class="plain">${(e.shortcuts||[]).map((c,u)=>l`<li key=${u}>
      <kbd>${c.keys}</kbd> → ${(e.canned.find(p=>p.id===c.canned_id)||{}).title||"?"} <button class="btn small" onClick=${()=>a(e.shortcuts.filter((p,f)=>f!==u))}>${o("common.delete")}
      </button></li>`)}</ul>
    ${e.canned.length===0?l`<p class="muted">${o("shortcuts.nocanned")}
      </p>`:l`<form class="stack" onSubmit=${c=>{c.preventDefault(),t&&s&&a([...e.shortcuts||[],{keys:t,canned_id:Number(s)}]),n("")}}>
      <label>${o("shortcuts.keys")}<input value=${t} readonly
        onKeyDown=${i} placeholder=${o("shortcuts.press")} /></label>
      <label>${o("shortcuts.canned")}<select value=${s}
        onChange=${c=>r(c.target.value)}><option value="">—
        </option>${e.canned.map(c=>l`<option value=${String(c.id)}>
        ${c.title}</option>`)}</select></label>
      <button class="btn primary" type="submit" disabled=${!t||!s}>
        ${o("common.add")}</button></form>`}</div>`}async function Dn(){let e=c=>U(c).then(u=>u&&u.data||[]).catch(u=>le(u)||u.status===403?[]:Promise.reject(u)),[t,n,s,r,a,i]=await Promise.all(["/api/v1/users?limit=200","/api/v1/teams?limit=200","/api/v1/labels","/api/v1/inboxes","/api/v1/canned-replies","/api/v1/attributes"].map(c=>e(c).catch(()=>[])));Q({users:t,teams:n,labels:s,inboxes:r,canned:a,attributes:i}),U("/api/v1/me/shortcuts").then(c=>Q({shortcuts:c&&c.data||c||[]})).catch(()=>Q({shortcuts:JSON.parse(localStorage.getItem("parley.shortcuts")||"[]")}))}function En(e){sn(e.csrf_token),Ae(e.user.locale,e.user.timezone||e.account&&e.account.timezone),Q({me:e.user,account:e.account||xe().account})}function No(e,t){let n=xe(),s=(r,a)=>r.some(i=>i.id===a.id)?r.map(i=>i.id===a.id?{...i,...a}:i):[...r,a];if(e.startsWith("team.")&&t&&t.id&&Q({teams:e==="team.deleted"?n.teams.filter(r=>r.id!==t.id):s(n.teams,t.team||t)}),e.startsWith("user.")&&t&&t.id&&Q({users:s(n.users,t.user||t)}),e==="presence"||e==="viewing"||e==="typing"){let r=t.conversation_id||0,a={...n.presence[r]||{}};a[t.user_id]={type:e,at:Date.now(),state:t.state},Q({presence:{...n.presence,[r]:a}})}}function Pn(){let e=W(),t=cn(),[n,s]=h(!0);return E(()=>{rn(()=>{Q({me:null}),te("/login")}),U("/api/v1/me").then(async r=>{En(r),await Dn(),(t[0]==="login"||t.length===0)&&te("/inbox",{replace:!0})}).catch(()=>{Ae(navigator.language),t[0]!=="login"&&te("/login",{replace:!0})}).finally(()=>s(!1))},[]),E(()=>{if(e.me)return ln((r,a)=>{No(r,a),hn(r,a)},r=>Q({online:r}))},[e.me&&e.me.id]),n?l`<div class="boot" aria-busy="true"></div>`:!e.me||t[0]==="login"?l`<${_n} onDone=${async r=>{En(r),await Dn(),te("/inbox")}} />`:l`<${Ro} route=${t} />`}function Ct({href:e,icon:t,label:n,active:s}){return l`<a href=${e} onClick=${Qe} class=${"nav-link"+(s?" active":"")} aria-current=${s?"page":void 0}
    title=${n}><${P} name=${t} /><span>${n}</span></a>`}async function Lo(){try{await K("/api/v1/auth/logout")}catch{}Q({me:null}),te("/login")}function Ro({route:e}){let t=W(),n=e[0]||"inbox",s;return n==="contacts"?s=l`<${Mn} id=${e[1]} />`:n==="settings"?s=l`<${zn} section=${e[1]} />`:s=l`<${Cn} id=${e[1]?Number(e[1]):null} />`,l`<div class="shell">
    <nav class="rail" aria-label=${o("nav.main")}>
      <div class="brand" aria-hidden="true"><${P} name="logo" /></div>
      <${Ct} href="/inbox" icon="inbox" label=${o("nav.inbox")}
        active=${n==="inbox"} />
      <${Ct} href="/contacts" icon="contacts" label=${o("nav.contacts")}
        active=${n==="contacts"} />
      <${Ct} href="/settings" icon="settings" label=${o("nav.settings")}
        active=${n==="settings"} />
      <div class="rail-end">
        <span class=${"conn "+(t.online?"on":"off")} role="status"
          title=${t.online?o("conn.live"):o("conn.offline")}>
          <span class="sr-only">${t.online?o("conn.live"):o("conn.offline")}</span></span>
        <button class="nav-link" onClick=${Lo} title=${o("nav.signout")}
          aria-label=${o("nav.signout")}><${P} name="logout" />
          <span>${o("nav.signout")}</span></button>
      </div>
    </nav>
    <main class="page">${s}</main>
    ${!t.online&&l`<div class="offline-bar" role="status">
      ${o("conn.reconnecting")}</div>`}
    <${$n} />
  </div>`}Ot(l`<${Pn} />`,document.getElementById("app"));"serviceWorker"in navigator&&location.protocol!=="file:"&&addEventListener("load",()=>{navigator.serviceWorker.register("/sw.js",{scope:"/"}).catch(()=>{})});
