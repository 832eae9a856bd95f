var nt,W,jt,ls,we,Ot,Wt,Bt,ft,Ze,qe,Vt,gt,$t,ht,cs,Xe={},et=[],us=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,st=Array.isArray;function be(e,t){for(var s in t)e[s]=t[s];return e}function _t(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function bt(e,t,s){var a,i,o,r={};for(o in t)o=="key"?a=t[o]:o=="ref"?i=t[o]:r[o]=t[o];if(arguments.length>2&&(r.children=arguments.length>3?nt.call(arguments,2):s),typeof e=="function"&&e.defaultProps!=null)for(o in e.defaultProps)r[o]===void 0&&(r[o]=e.defaultProps[o]);return Ge(e,r,a,i,null)}function Ge(e,t,s,a,i){var o={type:e,props:t,key:s,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:i??++jt,__i:-1,__u:0};return i==null&&W.vnode!=null&&W.vnode(o),o}function at(e){return e.children}function Qe(e,t){this.props=e,this.context=t}function Ae(e,t){if(t==null)return e.__?Ae(e.__,e.__i+1):null;for(var s;t<e.__k.length;t++)if((s=e.__k[t])!=null&&s.__e!=null)return s.__e;return typeof e.type=="function"?Ae(e):null}function ds(e){if(e.__P&&e.__d){var t=e.__v,s=t.__e,a=[],i=[],o=be({},t);o.__v=t.__v+1,W.vnode&&W.vnode(o),vt(e.__P,o,t,e.__n,e.__P.namespaceURI,32&t.__u?[s]:null,a,s??Ae(t),!!(32&t.__u),i),o.__v=t.__v,o.__.__k[o.__i]=o,Gt(a,o,i),t.__e=t.__=null,o.__e!=s&&Kt(o)}}function Kt(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),Kt(e)}function Ft(e){(!e.__d&&(e.__d=!0)&&we.push(e)&&!tt.__r++||Ot!=W.debounceRendering)&&((Ot=W.debounceRendering)||Wt)(tt)}function tt(){try{for(var e,t=1;we.length;)we.length>t&&we.sort(Bt),e=we.shift(),t=we.length,ds(e)}finally{we.length=tt.__r=0}}function Yt(e,t,s,a,i,o,r,c,u,d,f){var m,p,$,v,y,k,D=a&&a.__k||et,A=t.length;for(u=ps(s,t,D,u,A),m=0;m<A;m++)($=s.__k[m])!=null&&(p=$.__i!=-1&&D[$.__i]||Xe,$.__i=m,k=vt(e,$,p,i,o,r,c,u,d,f),v=$.__e,$.ref&&p.ref!=$.ref&&(p.ref&&yt(p.ref,null,$),f.push($.ref,$.__c||v,$)),y==null&&v!=null&&(y=v),4&$.__u?(u=Jt($,u,e),p.__e&&(p.__e=null)):typeof $.type=="function"&&k!==void 0?u=k:v&&(u=v.nextSibling),$.__u&=-7);return s.__e=y,u}function ps(e,t,s,a,i){var o,r,c,u,d,f=s.length,m=f,p=0;for(e.__k=new Array(i),o=0;o<i;o++)(r=t[o])!=null&&typeof r!="boolean"&&typeof r!="function"?(typeof r=="string"||typeof r=="number"||typeof r=="bigint"||r.constructor==String?r=e.__k[o]=Ge(null,r,null,null,null):st(r)?r=e.__k[o]=Ge(at,{children:r},null,null,null):r.constructor===void 0&&r.__b>0?r=e.__k[o]=Ge(r.type,r.props,r.key,r.ref?r.ref:null,r.__v):e.__k[o]=r,u=o+p,r.__=e,r.__b=e.__b+1,c=null,(d=r.__i=ms(r,s,u,m))!=-1&&(m--,(c=s[d])&&(c.__u|=2)),c==null||c.__v==null?(d==-1&&(i>f?p--:i<f&&p++),typeof r.type!="function"&&(r.__u|=4)):d!=u&&(d==u-1?p--:d==u+1?p++:(d>u?p--:p++,r.__u|=4))):e.__k[o]=null;if(m)for(o=0;o<f;o++)(c=s[o])!=null&&!(2&c.__u)&&(c.__e==a&&(a=Ae(c)),Xt(c,c));return a}function Jt(e,t,s){var a,i;if(typeof e.type=="function"){for(a=e.__k,i=0;a&&i<a.length;i++)a[i]&&(a[i].__=e,t=Jt(a[i],t,s));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=Ae(e)),t=s.insertBefore(e.__e,t||null));do t=t&&t.nextSibling;while(t!=null&&t.nodeType==8);return t}function ms(e,t,s,a){var i,o,r,c=e.key,u=e.type,d=t[s],f=d!=null&&(2&d.__u)==0;if(d===null&&c==null||f&&c==d.key&&u==d.type)return s;if(a>(f?1:0)){for(i=s-1,o=s+1;i>=0||o<t.length;)if((d=t[r=i>=0?i--:o++])!=null&&!(2&d.__u)&&c==d.key&&u==d.type)return r}return-1}function Ht(e,t,s){t[0]=="-"?e.setProperty(t,s??""):e[t]=s==null?"":typeof s!="number"||us.test(t)?s:s+"px"}function Je(e,t,s,a,i){var o,r;e:if(t=="style")if(typeof s=="string")e.style.cssText=s;else{if(typeof a=="string"&&(e.style.cssText=a=""),a)for(t in a)s&&t in s||Ht(e.style,t,"");if(s)for(t in s)a&&s[t]==a[t]||Ht(e.style,t,s[t])}else if(t[0]=="o"&&t[1]=="n")o=t!=(t=t.replace(Vt,"$1")),r=t.toLowerCase(),t=r in e||t=="onFocusOut"||t=="onFocusIn"?r.slice(2):t.slice(2),e.l||(e.l={}),e.l[t+o]=s,s?a?s[qe]=a[qe]:(s[qe]=gt,e.addEventListener(t,o?ht:$t,o)):e.removeEventListener(t,o?ht:$t,o);else{if(i=="http://www.w3.org/2000/svg")t=t.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(t!="width"&&t!="height"&&t!="href"&&t!="list"&&t!="form"&&t!="tabIndex"&&t!="download"&&t!="rowSpan"&&t!="colSpan"&&t!="role"&&t!="popover"&&t in e)try{e[t]=s??"";break e}catch{}typeof s=="function"||(s==null||s===!1&&t[4]!="-"?e.removeAttribute(t):e.setAttribute(t,t=="popover"&&s==1?"":s))}}function Ut(e){return function(t){if(this.l){var s=this.l[t.type+e];if(t[Ze]==null)t[Ze]=gt++;else if(t[Ze]<s[qe])return;return s(W.event?W.event(t):t)}}}function vt(e,t,s,a,i,o,r,c,u,d){var f,m,p,$,v,y,k,D,A,_,z,T,E,w,q,K,Y=t.type;if(t.constructor!==void 0)return null;128&s.__u&&(u=!!(32&s.__u),o=[c=t.__e=s.__e]),(f=W.__b)&&f(t);e:if(typeof Y=="function"){m=r.length;try{if(A=t.props,_=Y.prototype&&Y.prototype.render,z=(f=Y.contextType)&&a[f.__c],T=f?z?z.props.value:f.__:a,s.__c?D=(p=t.__c=s.__c).__=p.__E:(_?t.__c=p=new Y(A,T):(t.__c=p=new Qe(A,T),p.constructor=Y,p.render=$s),z&&z.sub(p),p.state||(p.state={}),p.__n=a,$=p.__d=!0,p.__h=[],p._sb=[]),_&&p.__s==null&&(p.__s=p.state),_&&Y.getDerivedStateFromProps!=null&&(p.__s==p.state&&(p.__s=be({},p.__s)),be(p.__s,Y.getDerivedStateFromProps(A,p.__s))),v=p.props,y=p.state,p.__v=t,$)_&&Y.getDerivedStateFromProps==null&&p.componentWillMount!=null&&p.componentWillMount(),_&&p.componentDidMount!=null&&p.__h.push(p.componentDidMount);else{if(_&&Y.getDerivedStateFromProps==null&&A!==v&&p.componentWillReceiveProps!=null&&p.componentWillReceiveProps(A,T),t.__v==s.__v||!p.__e&&p.shouldComponentUpdate!=null&&p.shouldComponentUpdate(A,p.__s,T)===!1){t.__v!=s.__v&&(p.props=A,p.state=p.__s,p.__d=!1),t.__e=s.__e,t.__k=s.__k,t.__k.some(function(V){V&&(V.__=t)}),et.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&r.push(p),c=Ae(s);break e}p.componentWillUpdate!=null&&p.componentWillUpdate(A,p.__s,T),_&&p.componentDidUpdate!=null&&p.__h.push(function(){p.componentDidUpdate(v,y,k)})}if(p.context=T,p.props=A,p.__P=e,p.__e=!1,E=W.__r,w=0,_)p.state=p.__s,p.__d=!1,E&&E(t),f=p.render(p.props,p.state,p.context),et.push.apply(p.__h,p._sb),p._sb=[];else do p.__d=!1,E&&E(t),f=p.render(p.props,p.state,p.context),p.state=p.__s;while(p.__d&&++w<25);p.state=p.__s,p.getChildContext!=null&&(a=be(be({},a),p.getChildContext())),_&&!$&&p.getSnapshotBeforeUpdate!=null&&(k=p.getSnapshotBeforeUpdate(v,y)),q=f!=null&&f.type===at&&f.key==null?Qt(f.props.children):f,c=Yt(e,st(q)?q:[q],t,s,a,i,o,r,c,u,d),p.base=t.__e,t.__u&=-161,p.__h.length&&r.push(p),D&&(p.__E=p.__=null)}catch(V){if(r.length=m,t.__v=null,u||o!=null){if(V.then){for(t.__u|=u?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;o!=null&&(o[o.indexOf(c)]=null),t.__e=c}else if(o!=null)for(K=o.length;K--;)_t(o[K])}else t.__e=s.__e;t.__k==null&&(t.__k=s.__k||[]),V.then||Zt(t),W.__e(V,t,s)}}else o==null&&t.__v==s.__v?(t.__k=s.__k,t.__e=s.__e):c=t.__e=fs(s.__e,t,s,a,i,o,r,u,d);return(f=W.diffed)&&f(t),128&t.__u?void 0:c}function Zt(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(Zt))}function Gt(e,t,s){for(var a=0;a<s.length;a++)yt(s[a],s[++a],s[++a]);W.__c&&W.__c(t,e),e.some(function(i){try{e=i.__h,i.__h=[],e.some(function(o){o.call(i)})}catch(o){W.__e(o,i.__v)}})}function Qt(e){return typeof e!="object"||e==null||e.__b>0?e:st(e)?e.map(Qt):e.constructor!==void 0?null:be({},e)}function fs(e,t,s,a,i,o,r,c,u){var d,f,m,p,$,v,y,k=s.props||Xe,D=t.props,A=t.type;if(A=="svg"?i="http://www.w3.org/2000/svg":A=="math"?i="http://www.w3.org/1998/Math/MathML":i||(i="http://www.w3.org/1999/xhtml"),o!=null){for(d=0;d<o.length;d++)if(($=o[d])&&"setAttribute"in $==!!A&&(A?$.localName==A:$.nodeType==3)){e=$,o[d]=null;break}}if(e==null){if(A==null)return document.createTextNode(D);e=document.createElementNS(i,A,D.is&&D),c&&(W.__m&&W.__m(t,o),c=!1),o=null}if(A==null)k===D||c&&e.data==D||(e.data=D);else{if(o=A=="textarea"&&D.defaultValue!=null?null:o&&nt.call(e.childNodes),!c&&o!=null)for(k={},d=0;d<e.attributes.length;d++)k[($=e.attributes[d]).name]=$.value;for(d in k)$=k[d],d=="dangerouslySetInnerHTML"?m=$:d=="children"||d in D||d=="value"&&"defaultValue"in D||d=="checked"&&"defaultChecked"in D||Je(e,d,null,$,i);for(d in D)$=D[d],d=="children"?p=$:d=="dangerouslySetInnerHTML"?f=$:d=="value"?v=$:d=="checked"?y=$:c&&typeof $!="function"||k[d]===$||Je(e,d,$,k[d],i);if(f)c||m&&(f.__html==m.__html||f.__html==e.innerHTML)||(e.innerHTML=f.__html),t.__k=[];else if(m&&(e.innerHTML=""),Yt(t.type=="template"?e.content:e,st(p)?p:[p],t,s,a,A=="foreignObject"?"http://www.w3.org/1999/xhtml":i,o,r,o?o[0]:s.__k&&Ae(s,0),c,u),o!=null)for(d=o.length;d--;)_t(o[d]);c&&A!="textarea"||(d="value",A=="progress"&&v==null?e.removeAttribute("value"):v!=null&&(v!==e[d]||A=="progress"&&!v||A=="option"&&v!=k[d])&&Je(e,d,v,k[d],i),d="checked",y!=null&&y!=e[d]&&Je(e,d,y,k[d],i))}return e}function yt(e,t,s){try{if(typeof e=="function"){var a=typeof e.__u=="function";a&&e.__u(),a&&t==null||(e.__u=e(t))}else e.current=t}catch(i){W.__e(i,s)}}function Xt(e,t,s){var a,i;if(W.unmount&&W.unmount(e),(a=e.ref)&&(a.current&&a.current!=e.__e||yt(a,null,t)),(a=e.__c)!=null){if(a.componentWillUnmount)try{a.componentWillUnmount()}catch(o){W.__e(o,t)}a.base=a.__P=a.__n=null}if(a=e.__k)for(i=0;i<a.length;i++)a[i]&&Xt(a[i],t,s||typeof e.type!="function");s||_t(e.__e),e.__c=e.__=e.__e=void 0}function $s(e,t,s){return this.constructor(e,s)}function en(e,t,s){var a,i,o,r;t==document&&(t=document.documentElement),W.__&&W.__(e,t),i=(a=typeof s=="function")?null:s&&s.__k||t.__k,o=[],r=[],vt(t,e=(!a&&s||t).__k=bt(at,null,[e]),i||Xe,Xe,t.namespaceURI,!a&&s?[s]:i?null:t.firstChild?nt.call(t.childNodes):null,o,!a&&s?s:i?i.__e:t.firstChild,a,r),Gt(o,e,r),e.props.children=null}nt=et.slice,W={__e:function(e,t,s,a){for(var i,o,r;t=t.__;)if((i=t.__c)&&!i.__)try{if((o=i.constructor)&&o.getDerivedStateFromError!=null&&(i.setState(o.getDerivedStateFromError(e)),r=i.__d),i.componentDidCatch!=null&&(i.componentDidCatch(e,a||{}),r=i.__d),r)return i.__E=i}catch(c){e=c}throw e}},jt=0,ls=function(e){return e!=null&&e.constructor===void 0},Qe.prototype.setState=function(e,t){var s;s=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=be({},this.state),typeof e=="function"&&(e=e(be({},s),this.props)),e&&be(s,e),e!=null&&this.__v&&(t&&this._sb.push(t),Ft(this))},Qe.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),Ft(this))},Qe.prototype.render=at,we=[],Wt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,Bt=function(e,t){return e.__v.__b-t.__v.__b},tt.__r=0,ft=Math.random().toString(8),Ze="__d"+ft,qe="__a"+ft,Vt=/(PointerCapture)$|Capture$/i,gt=0,$t=Ut(!1),ht=Ut(!0),cs=0;var nn=function(e,t,s,a){var i;t[0]=0;for(var o=1;o<t.length;o++){var r=t[o++],c=t[o]?(t[0]|=r?1:2,s[t[o++]]):t[++o];r===3?a[0]=c:r===4?a[1]=Object.assign(a[1]||{},c):r===5?(a[1]=a[1]||{})[t[++o]]=c:r===6?a[1][t[++o]]+=c+"":r?(i=e.apply(c,nn(e,c,s,["",null])),a.push(i),c[0]?t[0]|=2:(t[o-2]=0,t[o]=i)):a.push(c)}return a},tn=new Map;function sn(e){var t=tn.get(this);return t||(t=new Map,tn.set(this,t)),(t=nn(this,t.get(e)||(t.set(e,t=function(s){for(var a,i,o=1,r="",c="",u=[0],d=function(p){o===1&&(p||(r=r.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?u.push(0,p,r):o===3&&(p||r)?(u.push(3,p,r),o=2):o===2&&r==="..."&&p?u.push(4,p,0):o===2&&r&&!p?u.push(5,0,!0,r):o>=5&&((r||!p&&o===5)&&(u.push(o,0,r,i),o=6),p&&(u.push(o,p,0,i),o=6)),r=""},f=0;f<s.length;f++){f&&(o===1&&d(),d(f));for(var m=0;m<s[f].length;m++)a=s[f][m],o===1?a==="<"?(d(),u=[u],o=3):r+=a:o===4?r==="--"&&a===">"?(o=1,r=""):r=a+r[0]:c?a===c?c="":r+=a:a==='"'||a==="'"?c=a:a===">"?(d(),o=1):o&&(a==="="?(o=5,i=r,r=""):a==="/"&&(o<5||s[f][m+1]===">")?(d(),o===3&&(u=u[0]),o=u,(u=u[0]).push(2,0,o),o=0):a===" "||a==="	"||a===`
`||a==="\r"?(d(),o=2):r+=a),o===3&&r==="!--"&&(o=4,u=u[0])}return d(),u}(e)),t),arguments,[])).length>1?t:t[0]}var l=sn.bind(bt);var Oe,J,kt,an,Fe=0,mn=[],G=W,on=G.__b,rn=G.__r,ln=G.diffed,cn=G.__c,un=G.unmount,dn=G.__;function xt(e,t){G.__h&&G.__h(J,e,Fe||t),Fe=0;var s=J.__H||(J.__H={__:[],__h:[]});return e>=s.__.length&&s.__.push({}),s.__[e]}function h(e){return Fe=1,hs(hn,e)}function hs(e,t,s){var a=xt(Oe++,2);if(a.t=e,!a.__c&&(a.__=[s?s(t):hn(void 0,t),function(c){var u=a.__N?a.__N[0]:a.__[0],d=a.t(u,c);u!==d&&(a.__N=[d,a.__[1]],a.__c.setState({}))}],a.__c=J,!J.__f)){var i=function(c,u,d){if(!a.__c.__H)return!0;var f=!1,m=a.__c.props!==c;if(a.__c.__H.__.some(function($){if($.__N){f=!0;var v=$.__[0];$.__=$.__N,$.__N=void 0,v!==$.__[0]&&(m=!0)}}),o){var p=o.call(this,c,u,d);return f?p||m:p}return!f||m};J.__f=!0;var o=J.shouldComponentUpdate,r=J.componentWillUpdate;J.componentWillUpdate=function(c,u,d){if(this.__e){var f=o;o=void 0,i(c,u,d),o=f}r&&r.call(this,c,u,d)},J.shouldComponentUpdate=i}return a.__N||a.__}function M(e,t){var s=xt(Oe++,3);!G.__s&&$n(s.__H,t)&&(s.__=e,s.u=t,J.__H.__h.push(s))}function te(e){return Fe=5,fn(function(){return{current:e}},[])}function fn(e,t){var s=xt(Oe++,7);return $n(s.__H,t)&&(s.__=e(),s.__H=t,s.__h=e),s.__}function St(e,t){return Fe=8,fn(function(){return e},t)}function gs(){for(var e;e=mn.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(ot),t.__h.some(wt),t.__h=[]}catch(s){t.__h=[],G.__e(s,e.__v)}}}G.__b=function(e){J=null,on&&on(e)},G.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),dn&&dn(e,t)},G.__r=function(e){rn&&rn(e),Oe=0;var t=(J=e.__c).__H;t&&(kt===J?(t.__h=[],J.__h=[],t.__.some(function(s){s.__N&&(s.__=s.__N),s.u=s.__N=void 0})):(t.__h.some(ot),t.__h.some(wt),t.__h=[],Oe=0)),kt=J},G.diffed=function(e){ln&&ln(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(mn.push(t)!==1&&an===G.requestAnimationFrame||((an=G.requestAnimationFrame)||_s)(gs)),t.__H.__.some(function(s){s.u&&(s.__H=s.u,s.u=void 0)})),kt=J=null},G.__c=function(e,t){t.some(function(s){try{s.__h.some(ot),s.__h=s.__h.filter(function(a){return!a.__||wt(a)})}catch(a){t.some(function(i){i.__h&&(i.__h=[])}),t=[],G.__e(a,s.__v)}}),cn&&cn(e,t)},G.unmount=function(e){un&&un(e);var t,s=e.__c;s&&s.__H&&(s.__H.__.some(function(a){try{ot(a)}catch(i){t=i}}),s.__H=void 0,t&&G.__e(t,s.__v))};var pn=typeof requestAnimationFrame=="function";function _s(e){var t,s=function(){clearTimeout(a),pn&&cancelAnimationFrame(t),setTimeout(e)},a=setTimeout(s,35);pn&&(t=requestAnimationFrame(s))}function ot(e){var t=J,s=e.__c;typeof s=="function"&&(e.__c=void 0,s()),J=t}function wt(e){var t=J;e.__c=e.__(),J=t}function $n(e,t){return!e||e.length!==t.length||t.some(function(s,a){return s!==e[a]})}function hn(e,t){return typeof t=="function"?t(e):t}var Ct="",gn=e=>{Ct=e||""},ze=class extends Error{constructor(t,s,a,i){super(a||s),this.status=t,this.code=s,this.retryAfter=i}},_n=()=>{},bn=e=>{_n=e};async function Ie(e,t,s,a={}){let i={Accept:"application/json",...a},o;s instanceof FormData||typeof s=="string"?o=s:s!==void 0&&(o=JSON.stringify(s),i["Content-Type"]="application/json"),e!=="GET"&&Ct&&(i["X-CSRF-Token"]=Ct);let r;try{r=await fetch(t,{method:e,headers:i,body:o,credentials:"same-origin"})}catch{throw new ze(0,"network","cannot reach the server")}let c=await r.text(),u=null;try{u=c?JSON.parse(c):null}catch{u=null}if(!r.ok){let d=u&&u.error||{},f=new ze(r.status,d.code||(r.status>=500?"unavailable":"http_"+r.status),d.message||r.statusText,r.headers.get("Retry-After"));throw r.status===401&&!t.startsWith("/api/v1/auth/")&&_n(f),f}return u}var L=e=>Ie("GET",e),O=(e,t,s)=>Ie("POST",e,t===void 0?{}:t,s),ae=(e,t)=>Ie("PATCH",e,t),Pe=(e,t)=>Ie("PUT",e,t),ue=e=>Ie("DELETE",e);function de(e){let t=new URLSearchParams;for(let[a,i]of Object.entries(e))i!=null&&i!==""&&t.set(a,i);let s=t.toString();return s?"?"+s:""}var oe=e=>e instanceof ze&&(e.code==="route_not_found"||e.code==="method_not_allowed"),bs=["message.created","message.updated","conversation.created","conversation.updated","presence","typing","viewing","team.created","team.updated","team.deleted","user.created","user.updated","user.deleted","contact.updated","label.created","label.updated"];function vn(e,t=()=>{}){let s=new EventSource("/api/v1/events"),a=i=>{let o=null;try{o=JSON.parse(i.data)}catch{return}e(i.type,o)};for(let i of bs)s.addEventListener(i,a);return s.onmessage=a,s.onopen=()=>t(!0),s.onerror=()=>t(!1),()=>s.close()}var xe={me:null,account:null,users:[],teams:[],labels:[],inboxes:[],canned:[],attributes:[],online:!0,toasts:[],presence:{},shortcuts:[]},Tt=new Set,Se=()=>xe;function X(e){Object.assign(xe,typeof e=="function"?e(xe):e);for(let t of Tt)t()}function H(){let[,e]=h(0);return M(()=>{let t=()=>e(s=>s+1);return Tt.add(t),()=>Tt.delete(t)},[]),xe}var vs=0;function C(e,t={}){let s=++vs;X({toasts:[...xe.toasts,{id:s,text:e,...t}]});let a=t.timeout??4e3;return a>0&&setTimeout(()=>it(s),a),s}function it(e){X({toasts:xe.toasts.filter(t=>t.id!==e)})}var Ce=e=>{let t=xe.users.find(s=>s.id===e);return t?t.name||t.email:""},He=e=>{let t=xe.teams.find(s=>s.id===e);return t?t.name:""};var rt=new Set;function se(e,{replace:t=!1}={}){if(e!==location.pathname+location.search){history[t?"replaceState":"pushState"](null,"",e);for(let s of rt)s()}}addEventListener("popstate",()=>{for(let e of rt)e()});function yn(){let[e,t]=h(location.pathname);return M(()=>{let s=()=>t(location.pathname);return rt.add(s),()=>rt.delete(s)},[]),e.split("/").filter(Boolean)}function lt(e){e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||(e.preventDefault(),se(e.currentTarget.getAttribute("href")))}var Le={"nav.main":"Main","nav.inbox":"Inbox","nav.contacts":"Contacts","nav.settings":"Settings","nav.signout":"Sign out","conn.live":"Live","conn.offline":"Offline","conn.reconnecting":"Connection lost. Reconnecting\u2026","login.title":"Sign in to your inbox","login.email":"E-mail address","login.password":"Password","login.submit":"Sign in","login.busy":"Signing in\u2026","login.wrong":"Wrong e-mail address or password. Check both and try again.","login.throttled":"Too many failed attempts. Wait {seconds} seconds, then try again.","login.disabled":"This user is disabled. Ask an administrator to enable it.","login.network":"Cannot reach the server. Check your connection and try again.","login.down":"The server cannot sign you in right now. Try again in a minute.","login.fill":"Enter your e-mail address and password.","tab.mine":"Mine","tab.unassigned":"Unassigned","tab.all":"All","inbox.list":"Conversations","inbox.thread":"Messages","inbox.search":"Search conversations","inbox.filters":"Filters","inbox.select":"Select {name}","inbox.you":"You","inbox.unread":"{n} unread","inbox.empty":"All caught up","inbox.empty.text":"No conversations match this view.","inbox.pick":"No conversation open","inbox.pick.text":"Pick one from the list, or press j to open the first.","inbox.unavailable":"Conversations are not available yet","inbox.unavailable.text":"This server does not offer the conversations API yet.","f.status":"Status","f.sort":"Sort","f.priority":"Priority","f.inbox":"Inbox","f.team":"Team","f.label":"Label","f.assignee":"Assignee","f.any":"Any","f.name":"Name","f.email":"E-mail","f.role":"Role","f.password":"Password","f.disabled":"Disabled","f.active":"Active","f.state":"State","f.description":"Description","f.members":"Members","f.color":"Colour","f.shortcut":"Shortcut","f.title":"Title","f.body":"Text","f.intent":"Intent","f.key":"Key","f.type":"Type","f.phone":"Phone","f.prefix":"Prefix","f.created":"Created","f.last_used":"Last used","f.language":"Language","f.timezone":"Time zone","status.open":"Open","status.pending":"Pending","status.snoozed":"Snoozed","status.resolved":"Resolved","status.all":"All","sort.last_activity":"Last activity","sort.waiting":"Longest waiting","sort.priority":"Priority","prio.none":"No priority","prio.low":"Low","prio.medium":"Medium","prio.high":"High","prio.urgent":"Urgent","role.agent":"Agent","role.supervisor":"Supervisor","role.administrator":"Administrator","action.assign":"Assign","action.team":"Team","action.status":"Status","action.priority":"Priority","action.label":"Label","action.snooze":"Snooze","action.resolve":"Resolve","action.reopen":"Reopen","assign.me":"{name} (me)","team.none":"No team","bulk.toolbar":"Bulk actions","bulk.selected":"{n} selected","bulk.all":"Select all","bulk.done":"Updated {n} conversations","snooze.hour":"For an hour","snooze.evening":"Until this evening","snooze.tomorrow":"Until tomorrow morning","snooze.week":"For a week","snooze.custom":"Until\u2026","snooze.until":"Snoozed until {when}","presence.viewing":"{name} is viewing","presence.typing":"{name} is typing\u2026","msg.image":"Photo","msg.video":"Video","msg.audio":"Audio","msg.voice":"Voice message","msg.document":"Document","msg.sticker":"Sticker","msg.location":"Location","msg.contacts":"Contact card","msg.contact":"Contact","msg.reaction":"reaction","msg.template":"Template","msg.unsupported":"Unsupported message ({type})","msg.media_failed":"The file could not be downloaded","msg.open_image":"Open the photo full size","msg.open_map":"Open in OpenStreetMap","msg.flow_reply":"Form answered","msg.button_reply":"Button reply","msg.list_reply":"List reply","msg.nfm_reply":"Form reply","msg.interactive":"Interactive reply","msg.button":"Button","msg.order":"Order","msg.items":"items","msg.note":"Private note","msg.automation":"Automation","msg.forwarded":"Forwarded","msg.quoted_missing":"A message not loaded","msg.failed":"Not delivered","msg.failed.unknown":"unknown reason","status.msg.received":"Received","status.msg.queued":"Waiting to send","status.msg.sending":"Sending","status.msg.sent":"Sent","status.msg.delivered":"Delivered","status.msg.read":"Read","status.msg.played":"Played","status.msg.failed":"Failed","status.msg.cancelled":"Cancelled","compose.reply":"Reply","compose.note":"Note","compose.reply.label":"Reply to the customer","compose.note.label":"Private note for the team","compose.reply.ph":"Write a reply\u2026  / for canned replies","compose.note.ph":"Write a note only your team sees\u2026  @ to mention","compose.send":"Send","compose.add_note":"Add note","compose.attach":"Attach files","compose.emoji":"Emoji","compose.preview":"Preview","compose.template":"Template","compose.hint":"Enter to send \xB7 Shift+Enter for a new line","compose.suggested":"Suggested:","compose.window_open":"Reply window closes in {left}","compose.window_shut":"Reply window closed","compose.closed.text":"More than 24 hours have passed since the customer last wrote. WhatsApp only allows an approved template until they write again.","compose.window_closed":"The 24-hour window has closed: send a template.","compose.sending":"Sending\u2026","compose.undo":"Undo","compose.undone":"Not sent. Your text is back in the composer.","compose.too_late":"Too late to undo: the message has been sent.","compose.failed":"Could not send: {why}","compose.too_big":"{name} is larger than 100 MB","compose.remove_file":"Remove {name}","tpl.none":"No approved templates for this inbox.","tpl.sync":"Fetch templates from WhatsApp","tpl.pick":"Template","tpl.param":"Parameter {n}","tpl.send":"Send template","contact.pane":"Contact details","contact.unknown":"Unknown","contact.name":"Name","contact.phone":"Phone","contact.email":"E-mail","contact.labels":"Labels","contact.notes":"Notes","contact.add_note":"Add a note about this contact","contact.history":"Previous conversations","contact.no_history":"None before this one.","contact.unavailable":"Contact details are not available yet.","contact.readonly":"Editing contacts needs the contacts API, which this server does not offer yet.","labels.remove":"Remove label {name}","contacts.search":"Search by name, phone or e-mail","contacts.export":"Export CSV","contacts.import":"Import CSV","contacts.merge":"Merge","contacts.attribute":"Attribute","contacts.attr_value":"Value","contacts.last_seen":"Last seen","contacts.empty":"No contacts match","contacts.unavailable":"Contacts are not available yet","contacts.merge.text":"Choose the contact to keep. The others are merged into it with their conversations, notes and labels.","contacts.merge.go":"Merge {n} contacts","contacts.merged":"Contacts merged","contacts.import.text":"A CSV file with a header row: name, phone, email and any custom attribute keys.","contacts.import.file":"CSV file","contacts.import.result":"{created} created, {updated} updated, {failed} rejected","settings.profile":"Profile","settings.shortcuts":"Shortcuts","settings.labels":"Labels","settings.canned":"Canned replies","settings.agents":"Agents","settings.teams":"Teams","settings.attributes":"Custom attributes","settings.inboxes":"Inboxes","settings.tokens":"API tokens","settings.none":"Nothing here yet","settings.unavailable":"Not available on this server yet","tokens.once":"Copy this token now. It will not be shown again.","tokens.revoke":"Revoke","profile.password":"Password","profile.current":"Current password","profile.new":"New password","profile.change":"Change password","profile.pw_changed":"Password changed","shortcuts.text":"A key combination that inserts a canned reply while you write.","shortcuts.keys":"Keys","shortcuts.press":"Press the keys","shortcuts.canned":"Canned reply","shortcuts.nocanned":"Add canned replies first.","keys.title":"Keyboard shortcuts","keys.next":"Next conversation","keys.prev":"Previous conversation","keys.reply":"Reply","keys.note":"Private note","keys.assign":"Assign","keys.resolve":"Resolve or reopen","keys.select":"Select for bulk actions","keys.search":"Search","keys.help":"This list","keys.send":"Send","keys.newline":"New line","keys.escape":"Leave the field, close, clear selection","keys.custom":"Your own shortcuts are in Settings \u2192 Shortcuts.","common.loading":"Loading\u2026","common.back":"Back","common.close":"Close","common.dismiss":"Dismiss","common.save":"Save","common.saved":"Saved","common.add":"Add","common.edit":"Edit","common.delete":"Delete","common.done":"Done","common.more":"Load more","common.select":"Select","common.actions":"Actions","common.confirm_delete":"Delete {name}? This cannot be undone.","error.load":"Could not load: {what}"};var Ue={"nav.main":"\uBA54\uB274","nav.inbox":"\uBC1B\uC740 \uD3B8\uC9C0\uD568","nav.contacts":"\uC5F0\uB77D\uCC98","nav.settings":"\uC124\uC815","nav.signout":"\uB85C\uADF8\uC544\uC6C3","conn.live":"\uC2E4\uC2DC\uAC04 \uC5F0\uACB0\uB428","conn.offline":"\uC624\uD504\uB77C\uC778","conn.reconnecting":"\uC5F0\uACB0\uC774 \uB04A\uACBC\uC2B5\uB2C8\uB2E4. \uB2E4\uC2DC \uC5F0\uACB0\uD558\uB294 \uC911\u2026","login.title":"\uBC1B\uC740 \uD3B8\uC9C0\uD568\uC5D0 \uB85C\uADF8\uC778","login.email":"\uC774\uBA54\uC77C \uC8FC\uC18C","login.password":"\uBE44\uBC00\uBC88\uD638","login.submit":"\uB85C\uADF8\uC778","login.busy":"\uB85C\uADF8\uC778 \uC911\u2026","login.wrong":"\uC774\uBA54\uC77C \uC8FC\uC18C \uB610\uB294 \uBE44\uBC00\uBC88\uD638\uAC00 \uD2C0\uB838\uC2B5\uB2C8\uB2E4. \uD655\uC778 \uD6C4 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.throttled":"\uB85C\uADF8\uC778 \uC2E4\uD328\uAC00 \uB108\uBB34 \uB9CE\uC2B5\uB2C8\uB2E4. {seconds}\uCD08 \uD6C4\uC5D0 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.disabled":"\uBE44\uD65C\uC131\uD654\uB41C \uC0AC\uC6A9\uC790\uC785\uB2C8\uB2E4. \uAD00\uB9AC\uC790\uC5D0\uAC8C \uBB38\uC758\uD558\uC138\uC694.","login.network":"\uC11C\uBC84\uC5D0 \uC5F0\uACB0\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4. \uB124\uD2B8\uC6CC\uD06C\uB97C \uD655\uC778\uD558\uC138\uC694.","login.down":"\uC9C0\uAE08\uC740 \uC11C\uBC84\uAC00 \uB85C\uADF8\uC778\uC744 \uCC98\uB9AC\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4. \uC7A0\uC2DC \uD6C4 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.fill":"\uC774\uBA54\uC77C \uC8FC\uC18C\uC640 \uBE44\uBC00\uBC88\uD638\uB97C \uC785\uB825\uD558\uC138\uC694.","tab.mine":"\uB0B4 \uB300\uD654","tab.unassigned":"\uBBF8\uBC30\uC815","tab.all":"\uC804\uCCB4","inbox.list":"\uB300\uD654 \uBAA9\uB85D","inbox.thread":"\uBA54\uC2DC\uC9C0","inbox.search":"\uB300\uD654 \uAC80\uC0C9","inbox.filters":"\uD544\uD130","inbox.select":"{name} \uC120\uD0DD","inbox.you":"\uB098","inbox.unread":"\uC77D\uC9C0 \uC54A\uC74C {n}","inbox.empty":"\uBAA8\uB450 \uCC98\uB9AC\uD588\uC2B5\uB2C8\uB2E4","inbox.empty.text":"\uC774 \uBCF4\uAE30\uC5D0 \uD574\uB2F9\uD558\uB294 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","inbox.pick":"\uC5F4\uB9B0 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","inbox.pick.text":"\uBAA9\uB85D\uC5D0\uC11C \uC120\uD0DD\uD558\uAC70\uB098 j \uD0A4\uB97C \uB20C\uB7EC \uCCAB \uB300\uD654\uB97C \uC5EC\uC138\uC694.","inbox.unavailable":"\uC544\uC9C1 \uB300\uD654\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","inbox.unavailable.text":"\uC774 \uC11C\uBC84\uC5D0\uB294 \uC544\uC9C1 \uB300\uD654 API\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","f.status":"\uC0C1\uD0DC","f.sort":"\uC815\uB82C","f.priority":"\uC6B0\uC120\uC21C\uC704","f.inbox":"\uCC44\uB110","f.team":"\uD300","f.label":"\uB77C\uBCA8","f.assignee":"\uB2F4\uB2F9\uC790","f.any":"\uC804\uCCB4","f.name":"\uC774\uB984","f.email":"\uC774\uBA54\uC77C","f.role":"\uC5ED\uD560","f.password":"\uBE44\uBC00\uBC88\uD638","f.disabled":"\uBE44\uD65C\uC131","f.active":"\uD65C\uC131","f.state":"\uC0C1\uD0DC","f.description":"\uC124\uBA85","f.members":"\uAD6C\uC131\uC6D0","f.color":"\uC0C9\uC0C1","f.shortcut":"\uB2E8\uCD95\uC5B4","f.title":"\uC81C\uBAA9","f.body":"\uB0B4\uC6A9","f.intent":"\uC758\uB3C4","f.key":"\uD0A4","f.type":"\uC720\uD615","f.phone":"\uC804\uD654\uBC88\uD638","f.prefix":"\uC811\uB450\uC5B4","f.created":"\uC0DD\uC131\uC77C","f.last_used":"\uB9C8\uC9C0\uB9C9 \uC0AC\uC6A9","f.language":"\uC5B8\uC5B4","f.timezone":"\uC2DC\uAC04\uB300","status.open":"\uC9C4\uD589 \uC911","status.pending":"\uB300\uAE30","status.snoozed":"\uBCF4\uB958","status.resolved":"\uD574\uACB0\uB428","status.all":"\uC804\uCCB4","sort.last_activity":"\uCD5C\uADFC \uD65C\uB3D9\uC21C","sort.waiting":"\uC624\uB798 \uAE30\uB2E4\uB9B0 \uC21C","sort.priority":"\uC6B0\uC120\uC21C\uC704\uC21C","prio.none":"\uC6B0\uC120\uC21C\uC704 \uC5C6\uC74C","prio.low":"\uB0AE\uC74C","prio.medium":"\uBCF4\uD1B5","prio.high":"\uB192\uC74C","prio.urgent":"\uAE34\uAE09","role.agent":"\uC0C1\uB2F4\uC6D0","role.supervisor":"\uAD00\uB9AC\uC790","role.administrator":"\uCD5C\uACE0 \uAD00\uB9AC\uC790","action.assign":"\uBC30\uC815","action.team":"\uD300","action.status":"\uC0C1\uD0DC","action.priority":"\uC6B0\uC120\uC21C\uC704","action.label":"\uB77C\uBCA8","action.snooze":"\uBCF4\uB958","action.resolve":"\uD574\uACB0","action.reopen":"\uB2E4\uC2DC \uC5F4\uAE30","assign.me":"{name} (\uB098)","team.none":"\uD300 \uC5C6\uC74C","bulk.toolbar":"\uC77C\uAD04 \uC791\uC5C5","bulk.selected":"{n}\uAC1C \uC120\uD0DD\uB428","bulk.all":"\uBAA8\uB450 \uC120\uD0DD","bulk.done":"\uB300\uD654 {n}\uAC1C\uB97C \uBCC0\uACBD\uD588\uC2B5\uB2C8\uB2E4","snooze.hour":"1\uC2DC\uAC04 \uB3D9\uC548","snooze.evening":"\uC624\uB298 \uC800\uB141\uAE4C\uC9C0","snooze.tomorrow":"\uB0B4\uC77C \uC544\uCE68\uAE4C\uC9C0","snooze.week":"1\uC8FC\uC77C \uB3D9\uC548","snooze.custom":"\uC9C1\uC811 \uC9C0\uC815\u2026","snooze.until":"{when}\uAE4C\uC9C0 \uBCF4\uB958","presence.viewing":"{name} \uB2D8\uC774 \uBCF4\uB294 \uC911","presence.typing":"{name} \uB2D8\uC774 \uC785\uB825 \uC911\u2026","msg.image":"\uC0AC\uC9C4","msg.video":"\uB3D9\uC601\uC0C1","msg.audio":"\uC624\uB514\uC624","msg.voice":"\uC74C\uC131 \uBA54\uC2DC\uC9C0","msg.document":"\uBB38\uC11C","msg.sticker":"\uC2A4\uD2F0\uCEE4","msg.location":"\uC704\uCE58","msg.contacts":"\uC5F0\uB77D\uCC98 \uCE74\uB4DC","msg.contact":"\uC5F0\uB77D\uCC98","msg.reaction":"\uBC18\uC751","msg.template":"\uD15C\uD50C\uB9BF","msg.unsupported":"\uC9C0\uC6D0\uD558\uC9C0 \uC54A\uB294 \uBA54\uC2DC\uC9C0 ({type})","msg.media_failed":"\uD30C\uC77C\uC744 \uB0B4\uB824\uBC1B\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4","msg.open_image":"\uC0AC\uC9C4 \uD06C\uAC8C \uBCF4\uAE30","msg.open_map":"OpenStreetMap\uC5D0\uC11C \uC5F4\uAE30","msg.flow_reply":"\uC591\uC2DD \uC751\uB2F5","msg.button_reply":"\uBC84\uD2BC \uC751\uB2F5","msg.list_reply":"\uBAA9\uB85D \uC751\uB2F5","msg.nfm_reply":"\uC591\uC2DD \uC751\uB2F5","msg.interactive":"\uB300\uD654\uD615 \uC751\uB2F5","msg.button":"\uBC84\uD2BC","msg.order":"\uC8FC\uBB38","msg.items":"\uAC1C \uD488\uBAA9","msg.note":"\uB0B4\uBD80 \uBA54\uBAA8","msg.automation":"\uC790\uB3D9\uD654","msg.forwarded":"\uC804\uB2EC\uB428","msg.quoted_missing":"\uBD88\uB7EC\uC624\uC9C0 \uC54A\uC740 \uBA54\uC2DC\uC9C0","msg.failed":"\uC804\uC1A1 \uC2E4\uD328","msg.failed.unknown":"\uC54C \uC218 \uC5C6\uB294 \uC774\uC720","status.msg.received":"\uBC1B\uC74C","status.msg.queued":"\uC804\uC1A1 \uB300\uAE30","status.msg.sending":"\uC804\uC1A1 \uC911","status.msg.sent":"\uBCF4\uB0C4","status.msg.delivered":"\uC804\uB2EC\uB428","status.msg.read":"\uC77D\uC74C","status.msg.played":"\uC7AC\uC0DD\uB428","status.msg.failed":"\uC2E4\uD328","status.msg.cancelled":"\uCDE8\uC18C\uB428","compose.reply":"\uB2F5\uC7A5","compose.note":"\uBA54\uBAA8","compose.reply.label":"\uACE0\uAC1D\uC5D0\uAC8C \uB2F5\uC7A5","compose.note.label":"\uD300 \uB0B4\uBD80 \uBA54\uBAA8","compose.reply.ph":"\uB2F5\uC7A5\uC744 \uC785\uB825\uD558\uC138\uC694\u2026  / \uB85C \uBE60\uB978 \uB2F5\uBCC0","compose.note.ph":"\uD300\uB9CC \uBCFC \uC218 \uC788\uB294 \uBA54\uBAA8\u2026  @ \uB85C \uBA58\uC158","compose.send":"\uBCF4\uB0B4\uAE30","compose.add_note":"\uBA54\uBAA8 \uCD94\uAC00","compose.attach":"\uD30C\uC77C \uCCA8\uBD80","compose.emoji":"\uC774\uBAA8\uC9C0","compose.preview":"\uBBF8\uB9AC \uBCF4\uAE30","compose.template":"\uD15C\uD50C\uB9BF","compose.hint":"Enter \uBCF4\uB0B4\uAE30 \xB7 Shift+Enter \uC904\uBC14\uAFC8","compose.suggested":"\uCD94\uCC9C:","compose.window_open":"\uB2F5\uC7A5 \uAC00\uB2A5 \uC2DC\uAC04 {left} \uB0A8\uC74C","compose.window_shut":"\uB2F5\uC7A5 \uAC00\uB2A5 \uC2DC\uAC04 \uC885\uB8CC","compose.closed.text":"\uACE0\uAC1D\uC758 \uB9C8\uC9C0\uB9C9 \uBA54\uC2DC\uC9C0 \uD6C4 24\uC2DC\uAC04\uC774 \uC9C0\uB0AC\uC2B5\uB2C8\uB2E4. \uACE0\uAC1D\uC774 \uB2E4\uC2DC \uBA54\uC2DC\uC9C0\uB97C \uBCF4\uB0BC \uB54C\uAE4C\uC9C0 \uC2B9\uC778\uB41C \uD15C\uD50C\uB9BF\uB9CC \uBCF4\uB0BC \uC218 \uC788\uC2B5\uB2C8\uB2E4.","compose.window_closed":"24\uC2DC\uAC04 \uCC3D\uC774 \uB2EB\uD614\uC2B5\uB2C8\uB2E4. \uD15C\uD50C\uB9BF\uC744 \uBCF4\uB0B4\uC138\uC694.","compose.sending":"\uBCF4\uB0B4\uB294 \uC911\u2026","compose.undo":"\uC2E4\uD589 \uCDE8\uC18C","compose.undone":"\uBCF4\uB0B4\uC9C0 \uC54A\uC558\uC2B5\uB2C8\uB2E4. \uC785\uB825\uD55C \uB0B4\uC6A9\uC744 \uB418\uB3CC\uB824 \uB193\uC558\uC2B5\uB2C8\uB2E4.","compose.too_late":"\uC774\uBBF8 \uC804\uC1A1\uB418\uC5B4 \uCDE8\uC18C\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","compose.failed":"\uBCF4\uB0B4\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {why}","compose.too_big":"{name} \uD30C\uC77C\uC774 100MB\uBCF4\uB2E4 \uD07D\uB2C8\uB2E4","compose.remove_file":"{name} \uC81C\uAC70","tpl.none":"\uC774 \uCC44\uB110\uC5D0 \uC2B9\uC778\uB41C \uD15C\uD50C\uB9BF\uC774 \uC5C6\uC2B5\uB2C8\uB2E4.","tpl.pick":"\uD15C\uD50C\uB9BF","tpl.sync":"WhatsApp\uC5D0\uC11C \uD15C\uD50C\uB9BF \uAC00\uC838\uC624\uAE30","tpl.param":"\uBCC0\uC218 {n}","tpl.send":"\uD15C\uD50C\uB9BF \uBCF4\uB0B4\uAE30","contact.pane":"\uC5F0\uB77D\uCC98 \uC815\uBCF4","contact.unknown":"\uC54C \uC218 \uC5C6\uC74C","contact.name":"\uC774\uB984","contact.phone":"\uC804\uD654\uBC88\uD638","contact.email":"\uC774\uBA54\uC77C","contact.labels":"\uB77C\uBCA8","contact.notes":"\uBA54\uBAA8","contact.add_note":"\uC774 \uC5F0\uB77D\uCC98\uC5D0 \uB300\uD55C \uBA54\uBAA8 \uCD94\uAC00","contact.history":"\uC774\uC804 \uB300\uD654","contact.no_history":"\uC774\uC804 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","contact.unavailable":"\uC544\uC9C1 \uC5F0\uB77D\uCC98 \uC815\uBCF4\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","contact.readonly":"\uC774 \uC11C\uBC84\uC5D0\uB294 \uC544\uC9C1 \uC5F0\uB77D\uCC98 API\uAC00 \uC5C6\uC5B4 \uD3B8\uC9D1\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","labels.remove":"{name} \uB77C\uBCA8 \uC81C\uAC70","contacts.search":"\uC774\uB984, \uC804\uD654\uBC88\uD638, \uC774\uBA54\uC77C\uB85C \uAC80\uC0C9","contacts.export":"CSV \uB0B4\uBCF4\uB0B4\uAE30","contacts.import":"CSV \uAC00\uC838\uC624\uAE30","contacts.merge":"\uBCD1\uD569","contacts.attribute":"\uC18D\uC131","contacts.attr_value":"\uAC12","contacts.last_seen":"\uCD5C\uADFC \uD65C\uB3D9","contacts.empty":"\uC77C\uCE58\uD558\uB294 \uC5F0\uB77D\uCC98\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","contacts.unavailable":"\uC544\uC9C1 \uC5F0\uB77D\uCC98\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","contacts.merge.text":"\uB0A8\uAE38 \uC5F0\uB77D\uCC98\uB97C \uACE0\uB974\uC138\uC694. \uB098\uBA38\uC9C0\uB294 \uB300\uD654, \uBA54\uBAA8, \uB77C\uBCA8\uACFC \uD568\uAED8 \uBCD1\uD569\uB429\uB2C8\uB2E4.","contacts.merge.go":"\uC5F0\uB77D\uCC98 {n}\uAC1C \uBCD1\uD569","contacts.merged":"\uBCD1\uD569\uD588\uC2B5\uB2C8\uB2E4","contacts.import.text":"\uCCAB \uC904\uC774 \uBA38\uB9AC\uAE00\uC778 CSV \uD30C\uC77C: name, phone, email \uBC0F \uC0AC\uC6A9\uC790 \uC815\uC758 \uC18D\uC131 \uD0A4.","contacts.import.file":"CSV \uD30C\uC77C","contacts.import.result":"{created}\uAC1C \uCD94\uAC00, {updated}\uAC1C \uAC31\uC2E0, {failed}\uAC1C \uAC70\uBD80","settings.profile":"\uD504\uB85C\uD544","settings.shortcuts":"\uB2E8\uCD95\uD0A4","settings.labels":"\uB77C\uBCA8","settings.canned":"\uBE60\uB978 \uB2F5\uBCC0","settings.agents":"\uC0C1\uB2F4\uC6D0","settings.teams":"\uD300","settings.attributes":"\uC0AC\uC6A9\uC790 \uC815\uC758 \uC18D\uC131","settings.inboxes":"\uCC44\uB110","settings.tokens":"API \uD1A0\uD070","settings.none":"\uC544\uC9C1 \uD56D\uBAA9\uC774 \uC5C6\uC2B5\uB2C8\uB2E4","settings.unavailable":"\uC774 \uC11C\uBC84\uC5D0\uC11C \uC544\uC9C1 \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","tokens.once":"\uC9C0\uAE08 \uC774 \uD1A0\uD070\uC744 \uBCF5\uC0AC\uD558\uC138\uC694. \uB2E4\uC2DC \uD45C\uC2DC\uB418\uC9C0 \uC54A\uC2B5\uB2C8\uB2E4.","tokens.revoke":"\uD3D0\uAE30","profile.password":"\uBE44\uBC00\uBC88\uD638","profile.current":"\uD604\uC7AC \uBE44\uBC00\uBC88\uD638","profile.new":"\uC0C8 \uBE44\uBC00\uBC88\uD638","profile.change":"\uBE44\uBC00\uBC88\uD638 \uBCC0\uACBD","profile.pw_changed":"\uBE44\uBC00\uBC88\uD638\uB97C \uBCC0\uACBD\uD588\uC2B5\uB2C8\uB2E4","shortcuts.text":"\uC785\uB825 \uC911\uC5D0 \uBE60\uB978 \uB2F5\uBCC0\uC744 \uB123\uB294 \uD0A4 \uC870\uD569\uC785\uB2C8\uB2E4.","shortcuts.keys":"\uD0A4","shortcuts.press":"\uD0A4\uB97C \uB204\uB974\uC138\uC694","shortcuts.canned":"\uBE60\uB978 \uB2F5\uBCC0","shortcuts.nocanned":"\uBA3C\uC800 \uBE60\uB978 \uB2F5\uBCC0\uC744 \uCD94\uAC00\uD558\uC138\uC694.","keys.title":"\uD0A4\uBCF4\uB4DC \uB2E8\uCD95\uD0A4","keys.next":"\uB2E4\uC74C \uB300\uD654","keys.prev":"\uC774\uC804 \uB300\uD654","keys.reply":"\uB2F5\uC7A5","keys.note":"\uB0B4\uBD80 \uBA54\uBAA8","keys.assign":"\uBC30\uC815","keys.resolve":"\uD574\uACB0 \uB610\uB294 \uB2E4\uC2DC \uC5F4\uAE30","keys.select":"\uC77C\uAD04 \uC791\uC5C5\uC6A9 \uC120\uD0DD","keys.search":"\uAC80\uC0C9","keys.help":"\uC774 \uBAA9\uB85D","keys.send":"\uBCF4\uB0B4\uAE30","keys.newline":"\uC904\uBC14\uAFC8","keys.escape":"\uC785\uB825\uB780 \uB098\uAC00\uAE30, \uB2EB\uAE30, \uC120\uD0DD \uD574\uC81C","keys.custom":"\uB098\uB9CC\uC758 \uB2E8\uCD95\uD0A4\uB294 \uC124\uC815 \u2192 \uB2E8\uCD95\uD0A4\uC5D0 \uC788\uC2B5\uB2C8\uB2E4.","common.loading":"\uBD88\uB7EC\uC624\uB294 \uC911\u2026","common.back":"\uB4A4\uB85C","common.close":"\uB2EB\uAE30","common.dismiss":"\uB2EB\uAE30","common.save":"\uC800\uC7A5","common.saved":"\uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4","common.add":"\uCD94\uAC00","common.edit":"\uD3B8\uC9D1","common.delete":"\uC0AD\uC81C","common.done":"\uC644\uB8CC","common.more":"\uB354 \uBCF4\uAE30","common.select":"\uC120\uD0DD","common.actions":"\uC791\uC5C5","common.confirm_delete":"{name}\uC744(\uB97C) \uC0AD\uC81C\uD560\uAE4C\uC694? \uB418\uB3CC\uB9B4 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","error.load":"\uBD88\uB7EC\uC624\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {what}"};var ys={en:Le,ko:Ue},At="en",De="en",zt;function je(e,t){De=e||navigator.language||"en",At=De.toLowerCase().startsWith("ko")?"ko":"en";try{new Intl.DateTimeFormat(De,{timeZone:t||void 0}),zt=t||void 0}catch{zt=void 0}document.documentElement.lang=At}function n(e,t){let s=ys[At][e]??Le[e]??e;return t&&(s=s.replace(/\{(\w+)\}/g,(a,i)=>i in t?t[i]:a)),s}var Me=e=>new Intl.DateTimeFormat(De,{timeZone:zt,...e});function pe(e){if(!e)return"";let t=new Date(e),s=Date.now(),a=Me({year:"numeric",month:"2-digit",day:"2-digit"});return a.format(t)===a.format(new Date(s))?Me({hour:"numeric",minute:"2-digit"}).format(t):s-e<6*864e5?Me({weekday:"short"}).format(t):Me({month:"short",day:"numeric"}).format(t)}var ge=e=>e?Me({dateStyle:"medium",timeStyle:"short"}).format(new Date(e)):"",ct=e=>Me({hour:"numeric",minute:"2-digit"}).format(new Date(e)),kn=e=>Me({weekday:"long",month:"long",day:"numeric"}).format(new Date(e)),We=e=>new Intl.NumberFormat(De).format(e);function ut(e){if(e==null)return"";let t=["B","KB","MB","GB"],s=0,a=e;for(;a>=1024&&s<t.length-1;)a/=1024,s++;return new Intl.NumberFormat(De,{maximumFractionDigits:s?1:0}).format(a)+" "+t[s]}function wn(e){let t=e-Date.now(),s=new Intl.RelativeTimeFormat(De,{numeric:"auto"}),a=Math.abs(t);return a<6e4?s.format(Math.round(t/1e3),"second"):a<36e5?s.format(Math.round(t/6e4),"minute"):a<864e5?s.format(Math.round(t/36e5),"hour"):s.format(Math.round(t/864e5),"day")}function xn(e){let t=Math.max(0,Math.floor((e-Date.now())/1e3)),s=Math.floor(t/3600),a=Math.floor(t%3600/60);return`${s}:${String(a).padStart(2,"0")}:${String(t%60).padStart(2,"0")}`}var Sn={logo:"M5 6a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3h-5l-4 4v-4a3 3 0 0 1-2-3z",inbox:"M3 13l3-9h12l3 9v6H3zM3 13h5l1 3h6l1-3h5",contacts:"M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M16 3.5a4 4 0 0 1 0 7.5M22 21v-1a6 6 0 0 0-4-5.6",settings:"M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z",logout:"M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9",search:"M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM21 21l-4.3-4.3",back:"M15 18l-6-6 6-6",send:"M22 2L11 13M22 2l-7 20-4-9-9-4z",clip:"M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5",smile:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01",check:"M20 6L9 17l-5-5",x:"M18 6L6 18M6 6l12 12",user:"M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",clock:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2",doc:"M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6",pin:"M12 22s7-7.5 7-13a7 7 0 0 0-14 0c0 5.5 7 13 7 13zM12 11a2 2 0 1 0 0-4 2 2 0 0 0 0 4z",info:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 16v-4M12 8h.01",forward:"M15 17l5-5-5-5M4 18v-2a4 4 0 0 1 4-4h12",note:"M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z",filter:"M22 3H2l8 9.5V19l4 2v-8.5z",alert:"M12 9v4M12 17h.01M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"};function N({name:e,size:t=18}){return l`<svg class="icon" width=${t} height=${t}
    viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
    focusable="false"><path d=${Sn[e]||Sn.info} /></svg>`}function Cn(){let e=H();return l`<div class="toasts" role="status" aria-live="polite">
    ${e.toasts.map(t=>l`<div class=${"toast "+(t.kind||"")}
      key=${t.id}>
      <span>${t.text}</span>
      ${t.action&&l`<button class="btn link" onClick=${()=>{it(t.id),t.onAction()}}>${t.action}</button>`}
      <button class="btn icon ghost" aria-label=${n("common.dismiss")}
        onClick=${()=>it(t.id)}><${N} name="x" size=${14} />
      </button></div>`)}
  </div>`}function Q({title:e,onClose:t,children:s,wide:a}){let i=te(null);M(()=>{let r=document.activeElement,c=i.current&&i.current.querySelector("input, select, textarea, button:not(.modal-close)");return c&&c.focus(),()=>r&&r.focus&&r.focus()},[]);let o=r=>{r.key==="Escape"&&(r.stopPropagation(),t())};return l`<div class="modal-back" onClick=${r=>r.target===r.currentTarget&&t()}>
    <div class=${"modal"+(a?" wide":"")} role="dialog"
      aria-modal="true" aria-label=${e} ref=${i} onKeyDown=${o}>
      <header><h2>${e}</h2>
        <button class="btn icon ghost modal-close" onClick=${t}
          aria-label=${n("common.close")}><${N} name="x" /></button>
      </header>
      <div class="modal-body">${s}</div>
    </div></div>`}var ks=[210,260,330,20,150,190,40,290];function Te({name:e,size:t=32}){let s=(e||"?").trim(),a=0;for(let o of s)a=a*31+o.codePointAt(0)>>>0;let i=s.split(/\s+/).slice(0,2).map(o=>[...o][0]||"").join("").toUpperCase();return l`<span class=${"avatar hue-"+a%ks.length}
    style=${{width:t+"px",height:t+"px"}}
    aria-hidden="true">${i}</span>`}function _e({label:e,onRemove:t}){let s=/^#[0-9a-fA-F]{6}$/.test(e.color||"")?e.color:"#8a8f98";return l`<span class="chip"><span class="dot"
    style=${{background:s}}></span><bdi>${e.name}</bdi>
    ${t&&l`<button class="chip-x" onClick=${t}
      aria-label=${n("labels.remove",{name:e.name})}>×</button>`}
  </span>`}var ie=["none","low","medium","high","urgent"];function Tn({value:e}){return e?l`<span class=${"prio p"+e}
    title=${n("prio."+ie[e])}>
    <span class="sr-only">${n("prio."+ie[e])}</span>
    ${"!".repeat(Math.min(e,3))}</span>`:null}function ee({title:e,text:t}){return l`<div class="empty"><p class="empty-title">${e}</p>
    ${t&&l`<p>${t}</p>`}</div>`}function ws(e){switch(e.code){case"invalid_credentials":return n("login.wrong");case"rate_limited":return n("login.throttled",{seconds:e.retryAfter||60});case"unauthorized":return n("login.disabled");case"network":return n("login.network");case"missing_field":case"invalid_field":return n("login.fill");default:return e.status>=500?n("login.down"):e.message}}function An({onDone:e}){let[t,s]=h(""),[a,i]=h(""),[o,r]=h(""),[c,u]=h(!1);async function d(f){if(f.preventDefault(),!t||!a){r(n("login.fill"));return}u(!0),r("");try{await O("/api/v1/auth/login",{email:t,password:a}),e(await L("/api/v1/me"))}catch(m){r(ws(m)),u(!1)}}return l`<div class="login">
    <form class="login-card" onSubmit=${d} novalidate>
      <div class="login-brand"><${N} name="logo" /> Parley</div>
      <h1>${n("login.title")}</h1>
      <label for="email">${n("login.email")}</label>
      <input id="email" type="email" autocomplete="username" required
        value=${t} onInput=${f=>s(f.target.value)}
        aria-invalid=${o?"true":void 0} autofocus />
      <label for="password">${n("login.password")}</label>
      <input id="password" type="password" autocomplete="current-password"
        required value=${a}
        onInput=${f=>i(f.target.value)}
        aria-invalid=${o?"true":void 0} />
      ${o&&l`<p class="form-error" role="alert">${o}</p>`}
      <button class="btn primary wide" type="submit" disabled=${c}>
        ${c?n("login.busy"):n("login.submit")}</button>
    </form>
  </div>`}var It=new Set;function Re(e){return It.add(e),()=>It.delete(e)}function zn(e,t){for(let s of It)try{s(e,t)}catch(a){console.error(a)}}var xs={"settings.rules":"Rules","settings.sla":"SLA policies","settings.hours":"Business hours","settings.assignment":"Assignment","common.yes":"Yes","common.no":"No","common.cancel":"Cancel","rules.new":"New rule","rules.edit":"Edit rule","rules.intro":"Rules run top to bottom for every event. A rule with \u201Cstop\u201D ends the run when it matches.","rules.none":"No rules yet","rules.order":"Rules in evaluation order","rules.enabled":"Enabled","rules.stop":"Stop","rules.stop_help":"Stop evaluating later rules when this one matches","rules.up":"Move {name} up","rules.down":"Move {name} down","rules.after_min":"after {n} min","rules.n_actions":"{n} action(s)","rules.editor":"Rule editor","rules.event":"When","rules.minutes":"Minutes","rules.conditions":"If","rules.actions":"Then","rules.add_action":"Add action","rules.reply_period":"At most one reply per (minutes, 0 = always)","rules.save":"Save rule","rules.match":"Match","rules.mode.all":"all of these","rules.mode.any":"any of these","rules.mode.none":"none of these","rules.always":"No conditions: matches every time.","rules.remove_group":"Remove group","rules.add_condition":"Condition","rules.add_group":"Group","rules.field":"Field","rules.operator":"Operator","rules.value":"Value","rules.comma":"comma-separated","rules.regex":"regular expression","rules.remove_condition":"Remove condition","rules.remove_action":"Remove action","event.message.received":"A message is received","event.conversation.created":"A conversation starts","event.conversation.opened":"A conversation is reopened","event.conversation.resolved":"A conversation is resolved","event.conversation.assigned":"A conversation is assigned","event.conversation.priority_changed":"The priority changes","event.time.no_agent_reply":"No agent reply for a while","event.time.customer_waiting":"The customer waits for a while","event.time.window_closing":"The 24-hour window is closing","event.time.idle":"No messages for a while","event.sla.at_risk":"SLA at risk","event.sla.breached":"SLA breached","field.text":"Message text","field.type":"Message type","field.reply_id":"Tapped button/row id","field.intent":"Intent","field.language":"Language","field.sentiment":"Sentiment","field.status":"Status","field.flow_step":"Flow step","field.contact.name":"Contact name","field.contact.phone":"Contact phone","field.inbox_id":"Inbox id","field.team_id":"Team id","field.assignee_id":"Assignee id","field.priority":"Priority","field.first_message":"First message","field.business_hours":"Within business hours","field.label":"Label","op.equals":"equals","op.not_equals":"does not equal","op.contains":"contains","op.not_contains":"does not contain","op.starts_with":"starts with","op.matches":"matches pattern","op.keywords":"has any keyword","op.in":"is one of","op.is_set":"is set","op.not_set":"is not set","op.gt":"is above","op.lt":"is below","op.is":"is","op.has":"has","op.not_has":"does not have","action.t.reply":"Reply","action.t.template":"Send template","action.t.buttons":"Reply with buttons","action.t.list":"Reply with list","action.t.assign":"Assign","action.t.unassign":"Unassign","action.t.set_priority":"Set priority","action.t.add_label":"Add label","action.t.remove_label":"Remove label","action.t.set_attribute":"Set contact attribute","action.t.note":"Add private note","action.t.snooze":"Snooze","action.t.resolve":"Resolve","action.t.reopen":"Reopen","action.t.webhook":"Call webhook","action.t.csat":"Send rating survey","action.t.set_step":"Set flow step","action.t.apply_sla":"Apply SLA","act.f.type":"Action {n}","act.f.text":"Text","act.f.vars":"Variables: {{contact.name|there}}, {{message.text}}, {{match.1}}","act.f.params":"Parameters","act.f.buttons":"Buttons (one per line: id | title)","act.f.button":"List button","act.f.rows":"Rows (one per line)","act.f.assign_to":"Assign to","act.f.auto":"Automatic routing","act.f.agent":"Agent","act.f.team":"Team","act.f.label":"Label","act.f.value":"Value","act.f.secret":"Signing secret","act.f.step":"Step (empty clears)","tester.title":"Tester","tester.with_draft":"Tests the rule you are editing together with the saved rules. Nothing is sent or changed.","tester.stored":"Tests the saved rules. Nothing is sent or changed.","tester.message":"Sample message","tester.run":"Run test","tester.matched":"{n} rule(s) matched","tester.no_match":"no match","tester.suppressed":"(reply held back by the reply period)","tester.would":"It would","tester.nothing":"Do nothing.","sla.intro":"Targets for first response, next response and resolution. A rule applies a policy with \u201CApply SLA\u201D.","sla.none":"No SLA policies yet","sla.add":"Add a policy","sla.first":"First response","sla.next":"Next response","sla.resolution":"Resolution","sla.minutes":"minutes, 0 = none","sla.at_risk_pct":"At risk after (%)","sla.bh_only":"Business hours only","sla.state.on_track":"On track","sla.state.at_risk":"At risk","sla.state.breached":"Breached","sla.state.met":"Met","hours.intro":"When each inbox is open. Outside these hours rules see \u201CWithin business hours\u201D as false.","hours.no_inbox":"No inboxes yet","hours.inbox":"Inbox","hours.none":"This inbox has no business hours: it counts as always open. Save to set them.","hours.weekly":"Weekly hours","hours.day":"Day","hours.open":"Opens","hours.close":"Closes (HH:MM, 24:00 for midnight)","hours.remove":"Remove interval","hours.add":"Interval","hours.holidays":"Holidays (one date a line, YYYY-MM-DD)","hours.ooh":"The out-of-hours reply is a rule: \u201CWithin business hours is No\u201D \u2192 Reply, with a reply period.","day.mon":"Monday","day.tue":"Tuesday","day.wed":"Wednesday","day.thu":"Thursday","day.fri":"Friday","day.sat":"Saturday","day.sun":"Sunday","assign.intro":"How conversations are handed to agents, per team or inbox. Without a policy: least-loaded, 10 at a time.","assign.none":"No assignment policies yet","assign.add":"Add a policy","assign.applies":"Applies to","assign.mode":"Method","assign.mode.round_robin":"Round-robin","assign.mode.least_loaded":"Least loaded","assign.capacity":"Capacity per agent (0 = no limit)","assign.unlimited":"No limit","assign.skills":"Required skills","assign.reassign":"Reassign after no reply (minutes)","assign.scope":"For","assign.scope.team":"Team","assign.scope.inbox":"Inbox","assign.team_x":"Team {name}","assign.inbox_x":"Inbox {name}","assign.agent_skills":"Agents\u2019 skills","assign.skills_help":"Comma-separated; saving replaces the agent\u2019s skills.","assign.skills_saved":"Skills of {name} saved","dur.h":"{n} h","dur.min":"{n} min","auto.title":"Automation","auto.sla":"SLA","auto.routing":"Routing","auto.due":"due {when}","auto.no_sla":"No SLA applied","auto.queue":"Queue","auto.position":"Position {n}","auto.wait":"about {d} wait","auto.not_queued":"Not waiting in the queue","auto.history":"What automation did","auto.nothing":"Nothing yet.","act.rule":"Rule \u2018{rule}\u2019 {what}","act.sla":"SLA {what}","act.routing":"Routing {what}","act.system":"Parley","act.nobody":"nobody","act.no_team":"no team","act.none":"none","act.did.reply":"sent a reply","act.did.buttons":"sent reply buttons","act.did.list":"sent a list","act.did.template":"sent template {name}","act.did.assign_user":"assigned this to {name}","act.did.assign_team":"assigned this to team {name}","act.did.assign_auto":"routed this to an agent","act.did.unassign":"unassigned this","act.did.set_priority":"set priority to {value}","act.did.add_label":"added label {label}","act.did.remove_label":"removed label {label}","act.did.set_attribute":"set {key} to {value}","act.did.note":"added a note","act.did.snooze":"snoozed this for {minutes} min","act.did.resolve":"resolved this","act.did.reopen":"reopened this","act.did.webhook":"called a webhook","act.did.csat":"sent the rating survey","act.did.set_step":"moved the flow to {step}","act.did.clear_step":"ended the flow","act.did.apply_sla":"applied an SLA","act.did.skipped":"skipped a message: {reason}","act.did.returned_to_queue":"returned this to the queue","act.did.csat_response":"recorded a rating","act.did.sla_at_risk":"is at risk","act.did.sla_breached":"was breached","act.assigned":"{who} assigned this to {to}","act.unassigned":"{who} unassigned this","act.team":"{who} moved this to {to}","act.priority":"{who} set priority to {to}","act.status":"{who} set status to {to}","act.status.resolved":"{who} resolved this","act.status.open":"{who} reopened this","act.status.snoozed":"{who} snoozed this","act.status.pending":"{who} marked this pending","act.snoozed":"{who} snoozed this until {to}","act.unsnoozed":"{who} cleared the snooze","act.label_added":"{who} added label {label}","act.label_removed":"{who} removed label {label}","act.other":"{who}: {what}"},Ss={"settings.rules":"\uADDC\uCE59","settings.sla":"SLA \uC815\uCC45","settings.hours":"\uC601\uC5C5\uC2DC\uAC04","settings.assignment":"\uBC30\uC815","common.yes":"\uC608","common.no":"\uC544\uB2C8\uC694","common.cancel":"\uCDE8\uC18C","rules.new":"\uC0C8 \uADDC\uCE59","rules.edit":"\uADDC\uCE59 \uD3B8\uC9D1","rules.intro":"\uADDC\uCE59\uC740 \uC774\uBCA4\uD2B8\uB9C8\uB2E4 \uC704\uC5D0\uC11C \uC544\uB798\uB85C \uC2E4\uD589\uB429\uB2C8\uB2E4. \u201C\uC911\uC9C0\u201D\uAC00 \uCF1C\uC9C4 \uADDC\uCE59\uC774 \uC77C\uCE58\uD558\uBA74 \uC774\uD6C4 \uADDC\uCE59\uC740 \uC2E4\uD589\uB418\uC9C0 \uC54A\uC2B5\uB2C8\uB2E4.","rules.none":"\uC544\uC9C1 \uADDC\uCE59\uC774 \uC5C6\uC2B5\uB2C8\uB2E4","rules.order":"\uD3C9\uAC00 \uC21C\uC11C\uB300\uB85C \uC815\uB82C\uB41C \uADDC\uCE59","rules.enabled":"\uC0AC\uC6A9","rules.stop":"\uC911\uC9C0","rules.stop_help":"\uC774 \uADDC\uCE59\uC774 \uC77C\uCE58\uD558\uBA74 \uC774\uD6C4 \uADDC\uCE59\uC744 \uD3C9\uAC00\uD558\uC9C0 \uC54A\uC74C","rules.up":"{name} \uC704\uB85C \uC774\uB3D9","rules.down":"{name} \uC544\uB798\uB85C \uC774\uB3D9","rules.after_min":"{n}\uBD84 \uD6C4","rules.n_actions":"\uB3D9\uC791 {n}\uAC1C","rules.editor":"\uADDC\uCE59 \uD3B8\uC9D1\uAE30","rules.event":"\uC5B8\uC81C","rules.minutes":"\uBD84","rules.conditions":"\uC870\uAC74","rules.actions":"\uB3D9\uC791","rules.add_action":"\uB3D9\uC791 \uCD94\uAC00","rules.reply_period":"\uC751\uB2F5 \uC81C\uD55C \uC8FC\uAE30(\uBD84, 0 = \uC81C\uD55C \uC5C6\uC74C)","rules.save":"\uADDC\uCE59 \uC800\uC7A5","rules.match":"\uC77C\uCE58 \uBC29\uC2DD","rules.mode.all":"\uBAA8\uB450 \uCDA9\uC871","rules.mode.any":"\uD558\uB098\uB77C\uB3C4 \uCDA9\uC871","rules.mode.none":"\uBAA8\uB450 \uBD88\uCDA9\uC871","rules.always":"\uC870\uAC74 \uC5C6\uC74C: \uD56D\uC0C1 \uC77C\uCE58\uD569\uB2C8\uB2E4.","rules.remove_group":"\uADF8\uB8F9 \uC0AD\uC81C","rules.add_condition":"\uC870\uAC74","rules.add_group":"\uADF8\uB8F9","rules.field":"\uD544\uB4DC","rules.operator":"\uC5F0\uC0B0\uC790","rules.value":"\uAC12","rules.comma":"\uC27C\uD45C\uB85C \uAD6C\uBD84","rules.regex":"\uC815\uADDC\uC2DD","rules.remove_condition":"\uC870\uAC74 \uC0AD\uC81C","rules.remove_action":"\uB3D9\uC791 \uC0AD\uC81C","event.message.received":"\uBA54\uC2DC\uC9C0\uB97C \uBC1B\uC558\uC744 \uB54C","event.conversation.created":"\uB300\uD654\uAC00 \uC2DC\uC791\uB420 \uB54C","event.conversation.opened":"\uB300\uD654\uAC00 \uB2E4\uC2DC \uC5F4\uB9B4 \uB54C","event.conversation.resolved":"\uB300\uD654\uAC00 \uD574\uACB0\uB420 \uB54C","event.conversation.assigned":"\uB300\uD654\uAC00 \uBC30\uC815\uB420 \uB54C","event.conversation.priority_changed":"\uC6B0\uC120\uC21C\uC704\uAC00 \uBC14\uB014 \uB54C","event.time.no_agent_reply":"\uC0C1\uB2F4\uC6D0 \uB2F5\uC7A5\uC774 \uD55C\uB3D9\uC548 \uC5C6\uC744 \uB54C","event.time.customer_waiting":"\uACE0\uAC1D\uC774 \uD55C\uB3D9\uC548 \uAE30\uB2E4\uB9B4 \uB54C","event.time.window_closing":"24\uC2DC\uAC04 \uCC3D\uC774 \uACE7 \uB2EB\uD790 \uB54C","event.time.idle":"\uD55C\uB3D9\uC548 \uBA54\uC2DC\uC9C0\uAC00 \uC5C6\uC744 \uB54C","event.sla.at_risk":"SLA \uC704\uD5D8","event.sla.breached":"SLA \uC704\uBC18","field.text":"\uBA54\uC2DC\uC9C0 \uB0B4\uC6A9","field.type":"\uBA54\uC2DC\uC9C0 \uC720\uD615","field.reply_id":"\uB204\uB978 \uBC84\uD2BC/\uD56D\uBAA9 ID","field.intent":"\uC758\uB3C4","field.language":"\uC5B8\uC5B4","field.sentiment":"\uAC10\uC815","field.status":"\uC0C1\uD0DC","field.flow_step":"\uD750\uB984 \uB2E8\uACC4","field.contact.name":"\uC5F0\uB77D\uCC98 \uC774\uB984","field.contact.phone":"\uC5F0\uB77D\uCC98 \uC804\uD654\uBC88\uD638","field.inbox_id":"\uBC1B\uC740\uD3B8\uC9C0\uD568 ID","field.team_id":"\uD300 ID","field.assignee_id":"\uB2F4\uB2F9\uC790 ID","field.priority":"\uC6B0\uC120\uC21C\uC704","field.first_message":"\uCCAB \uBA54\uC2DC\uC9C0","field.business_hours":"\uC601\uC5C5\uC2DC\uAC04 \uB0B4","field.label":"\uB77C\uBCA8","op.equals":"\uAC19\uC74C","op.not_equals":"\uAC19\uC9C0 \uC54A\uC74C","op.contains":"\uD3EC\uD568","op.not_contains":"\uD3EC\uD568\uD558\uC9C0 \uC54A\uC74C","op.starts_with":"\uB2E4\uC74C\uC73C\uB85C \uC2DC\uC791","op.matches":"\uD328\uD134 \uC77C\uCE58","op.keywords":"\uD0A4\uC6CC\uB4DC \uC911 \uD558\uB098 \uD3EC\uD568","op.in":"\uB2E4\uC74C \uC911 \uD558\uB098","op.is_set":"\uAC12 \uC788\uC74C","op.not_set":"\uAC12 \uC5C6\uC74C","op.gt":"\uBCF4\uB2E4 \uD07C","op.lt":"\uBCF4\uB2E4 \uC791\uC74C","op.is":"\uB2E4\uC74C\uC784","op.has":"\uC788\uC74C","op.not_has":"\uC5C6\uC74C","action.t.reply":"\uB2F5\uC7A5","action.t.template":"\uD15C\uD50C\uB9BF \uBCF4\uB0B4\uAE30","action.t.buttons":"\uBC84\uD2BC\uC73C\uB85C \uB2F5\uC7A5","action.t.list":"\uBAA9\uB85D\uC73C\uB85C \uB2F5\uC7A5","action.t.assign":"\uBC30\uC815","action.t.unassign":"\uBC30\uC815 \uD574\uC81C","action.t.set_priority":"\uC6B0\uC120\uC21C\uC704 \uC124\uC815","action.t.add_label":"\uB77C\uBCA8 \uCD94\uAC00","action.t.remove_label":"\uB77C\uBCA8 \uC0AD\uC81C","action.t.set_attribute":"\uC5F0\uB77D\uCC98 \uC18D\uC131 \uC124\uC815","action.t.note":"\uBE44\uACF5\uAC1C \uBA54\uBAA8 \uCD94\uAC00","action.t.snooze":"\uB2E4\uC2DC \uC54C\uB9BC","action.t.resolve":"\uD574\uACB0","action.t.reopen":"\uB2E4\uC2DC \uC5F4\uAE30","action.t.webhook":"\uC6F9\uD6C5 \uD638\uCD9C","action.t.csat":"\uB9CC\uC871\uB3C4 \uC870\uC0AC \uBCF4\uB0B4\uAE30","action.t.set_step":"\uD750\uB984 \uB2E8\uACC4 \uC124\uC815","action.t.apply_sla":"SLA \uC801\uC6A9","act.f.type":"\uB3D9\uC791 {n}","act.f.text":"\uB0B4\uC6A9","act.f.vars":"\uBCC0\uC218: {{contact.name|\uACE0\uAC1D}}, {{message.text}}, {{match.1}}","act.f.params":"\uB9E4\uAC1C\uBCC0\uC218","act.f.buttons":"\uBC84\uD2BC(\uD55C \uC904\uC5D0 \uD558\uB098: id | \uC81C\uBAA9)","act.f.button":"\uBAA9\uB85D \uBC84\uD2BC","act.f.rows":"\uD56D\uBAA9(\uD55C \uC904\uC5D0 \uD558\uB098)","act.f.assign_to":"\uBC30\uC815 \uB300\uC0C1","act.f.auto":"\uC790\uB3D9 \uB77C\uC6B0\uD305","act.f.agent":"\uC0C1\uB2F4\uC6D0","act.f.team":"\uD300","act.f.label":"\uB77C\uBCA8","act.f.value":"\uAC12","act.f.secret":"\uC11C\uBA85 \uBE44\uBC00\uD0A4","act.f.step":"\uB2E8\uACC4(\uBE44\uC6B0\uBA74 \uCD08\uAE30\uD654)","tester.title":"\uD14C\uC2A4\uD130","tester.with_draft":"\uD3B8\uC9D1 \uC911\uC778 \uADDC\uCE59\uC744 \uC800\uC7A5\uB41C \uADDC\uCE59\uACFC \uD568\uAED8 \uD14C\uC2A4\uD2B8\uD569\uB2C8\uB2E4. \uC544\uBB34\uAC83\uB3C4 \uBCF4\uB0B4\uAC70\uB098 \uBC14\uAFB8\uC9C0 \uC54A\uC2B5\uB2C8\uB2E4.","tester.stored":"\uC800\uC7A5\uB41C \uADDC\uCE59\uC744 \uD14C\uC2A4\uD2B8\uD569\uB2C8\uB2E4. \uC544\uBB34\uAC83\uB3C4 \uBCF4\uB0B4\uAC70\uB098 \uBC14\uAFB8\uC9C0 \uC54A\uC2B5\uB2C8\uB2E4.","tester.message":"\uC608\uC2DC \uBA54\uC2DC\uC9C0","tester.run":"\uD14C\uC2A4\uD2B8 \uC2E4\uD589","tester.matched":"\uC77C\uCE58\uD55C \uADDC\uCE59 {n}\uAC1C","tester.no_match":"\uBD88\uC77C\uCE58","tester.suppressed":"(\uC751\uB2F5 \uC81C\uD55C \uC8FC\uAE30\uB85C \uB2F5\uC7A5 \uBCF4\uB958)","tester.would":"\uC2E4\uD589\uB420 \uB3D9\uC791","tester.nothing":"\uC544\uBB34\uAC83\uB3C4 \uD558\uC9C0 \uC54A\uC2B5\uB2C8\uB2E4.","sla.intro":"\uCCAB \uC751\uB2F5, \uB2E4\uC74C \uC751\uB2F5, \uD574\uACB0 \uBAA9\uD45C \uC2DC\uAC04\uC785\uB2C8\uB2E4. \uADDC\uCE59\uC758 \u201CSLA \uC801\uC6A9\u201D \uB3D9\uC791\uC73C\uB85C \uC815\uCC45\uC744 \uC801\uC6A9\uD569\uB2C8\uB2E4.","sla.none":"\uC544\uC9C1 SLA \uC815\uCC45\uC774 \uC5C6\uC2B5\uB2C8\uB2E4","sla.add":"\uC815\uCC45 \uCD94\uAC00","sla.first":"\uCCAB \uC751\uB2F5","sla.next":"\uB2E4\uC74C \uC751\uB2F5","sla.resolution":"\uD574\uACB0","sla.minutes":"\uBD84, 0 = \uC5C6\uC74C","sla.at_risk_pct":"\uC704\uD5D8 \uAE30\uC900(%)","sla.bh_only":"\uC601\uC5C5\uC2DC\uAC04\uB9CC \uACC4\uC0B0","sla.state.on_track":"\uC815\uC0C1","sla.state.at_risk":"\uC704\uD5D8","sla.state.breached":"\uC704\uBC18","sla.state.met":"\uB2EC\uC131","hours.intro":"\uBC1B\uC740\uD3B8\uC9C0\uD568\uBCC4 \uC6B4\uC601 \uC2DC\uAC04\uC785\uB2C8\uB2E4. \uC774 \uC2DC\uAC04 \uBC16\uC5D0\uC11C\uB294 \uADDC\uCE59\uC758 \u201C\uC601\uC5C5\uC2DC\uAC04 \uB0B4\u201D \uC870\uAC74\uC774 \uAC70\uC9D3\uC774 \uB429\uB2C8\uB2E4.","hours.no_inbox":"\uC544\uC9C1 \uBC1B\uC740\uD3B8\uC9C0\uD568\uC774 \uC5C6\uC2B5\uB2C8\uB2E4","hours.inbox":"\uBC1B\uC740\uD3B8\uC9C0\uD568","hours.none":"\uC774 \uBC1B\uC740\uD3B8\uC9C0\uD568\uC5D0\uB294 \uC601\uC5C5\uC2DC\uAC04\uC774 \uC5C6\uC5B4 \uD56D\uC0C1 \uC5F4\uB824 \uC788\uB294 \uAC83\uC73C\uB85C \uBD05\uB2C8\uB2E4. \uC800\uC7A5\uD558\uBA74 \uC124\uC815\uB429\uB2C8\uB2E4.","hours.weekly":"\uC8FC\uAC04 \uC2DC\uAC04","hours.day":"\uC694\uC77C","hours.open":"\uC2DC\uC791","hours.close":"\uC885\uB8CC(HH:MM, \uC790\uC815\uC740 24:00)","hours.remove":"\uC2DC\uAC04\uB300 \uC0AD\uC81C","hours.add":"\uC2DC\uAC04\uB300","hours.holidays":"\uD734\uC77C(\uD55C \uC904\uC5D0 \uD558\uB098, YYYY-MM-DD)","hours.ooh":"\uC601\uC5C5\uC2DC\uAC04 \uC678 \uC790\uB3D9 \uB2F5\uC7A5\uC740 \uADDC\uCE59\uC73C\uB85C \uB9CC\uB4ED\uB2C8\uB2E4: \u201C\uC601\uC5C5\uC2DC\uAC04 \uB0B4\uAC00 \uC544\uB2C8\uC694\u201D \u2192 \uB2F5\uC7A5, \uC751\uB2F5 \uC81C\uD55C \uC8FC\uAE30\uC640 \uD568\uAED8.","day.mon":"\uC6D4\uC694\uC77C","day.tue":"\uD654\uC694\uC77C","day.wed":"\uC218\uC694\uC77C","day.thu":"\uBAA9\uC694\uC77C","day.fri":"\uAE08\uC694\uC77C","day.sat":"\uD1A0\uC694\uC77C","day.sun":"\uC77C\uC694\uC77C","assign.intro":"\uD300 \uB610\uB294 \uBC1B\uC740\uD3B8\uC9C0\uD568\uBCC4\uB85C \uB300\uD654\uB97C \uC0C1\uB2F4\uC6D0\uC5D0\uAC8C \uBC30\uC815\uD558\uB294 \uBC29\uC2DD\uC785\uB2C8\uB2E4. \uC815\uCC45\uC774 \uC5C6\uC73C\uBA74 \uBD80\uD558\uAC00 \uAC00\uC7A5 \uC801\uC740 \uC0C1\uB2F4\uC6D0\uC5D0\uAC8C \uCD5C\uB300 10\uAC74\uAE4C\uC9C0 \uBC30\uC815\uD569\uB2C8\uB2E4.","assign.none":"\uC544\uC9C1 \uBC30\uC815 \uC815\uCC45\uC774 \uC5C6\uC2B5\uB2C8\uB2E4","assign.add":"\uC815\uCC45 \uCD94\uAC00","assign.applies":"\uC801\uC6A9 \uB300\uC0C1","assign.mode":"\uBC29\uC2DD","assign.mode.round_robin":"\uC21C\uD658 \uBC30\uC815","assign.mode.least_loaded":"\uCD5C\uC18C \uBD80\uD558","assign.capacity":"\uC0C1\uB2F4\uC6D0\uB2F9 \uCD5C\uB300 \uAC74\uC218(0 = \uC81C\uD55C \uC5C6\uC74C)","assign.unlimited":"\uC81C\uD55C \uC5C6\uC74C","assign.skills":"\uD544\uC694\uD55C \uAE30\uC220","assign.reassign":"\uB2F5\uC7A5 \uC5C6\uC744 \uB54C \uC7AC\uBC30\uC815(\uBD84)","assign.scope":"\uB300\uC0C1","assign.scope.team":"\uD300","assign.scope.inbox":"\uBC1B\uC740\uD3B8\uC9C0\uD568","assign.team_x":"\uD300 {name}","assign.inbox_x":"\uBC1B\uC740\uD3B8\uC9C0\uD568 {name}","assign.agent_skills":"\uC0C1\uB2F4\uC6D0 \uAE30\uC220","assign.skills_help":"\uC27C\uD45C\uB85C \uAD6C\uBD84\uD569\uB2C8\uB2E4. \uC800\uC7A5\uD558\uBA74 \uC0C1\uB2F4\uC6D0\uC758 \uAE30\uC220\uC744 \uB300\uCCB4\uD569\uB2C8\uB2E4.","assign.skills_saved":"{name}\uC758 \uAE30\uC220\uC744 \uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4","dur.h":"{n}\uC2DC\uAC04","dur.min":"{n}\uBD84","auto.title":"\uC790\uB3D9\uD654","auto.sla":"SLA","auto.routing":"\uB77C\uC6B0\uD305","auto.due":"\uAE30\uD55C {when}","auto.no_sla":"\uC801\uC6A9\uB41C SLA \uC5C6\uC74C","auto.queue":"\uB300\uAE30\uC5F4","auto.position":"{n}\uBC88\uC9F8","auto.wait":"\uC57D {d} \uB300\uAE30","auto.not_queued":"\uB300\uAE30\uC5F4\uC5D0 \uC5C6\uC74C","auto.history":"\uC790\uB3D9\uD654 \uAE30\uB85D","auto.nothing":"\uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4.","act.rule":"\uADDC\uCE59 \u2018{rule}\u2019: {what}","act.sla":"SLA: {what}","act.routing":"\uB77C\uC6B0\uD305: {what}","act.system":"Parley","act.nobody":"\uC5C6\uC74C","act.no_team":"\uD300 \uC5C6\uC74C","act.none":"\uC5C6\uC74C","act.did.reply":"\uB2F5\uC7A5\uC744 \uBCF4\uB0C4","act.did.buttons":"\uBC84\uD2BC \uB2F5\uC7A5\uC744 \uBCF4\uB0C4","act.did.list":"\uBAA9\uB85D\uC744 \uBCF4\uB0C4","act.did.template":"\uD15C\uD50C\uB9BF {name}\uC744 \uBCF4\uB0C4","act.did.assign_user":"{name}\uC5D0\uAC8C \uBC30\uC815\uD568","act.did.assign_team":"{name} \uD300\uC5D0 \uBC30\uC815\uD568","act.did.assign_auto":"\uC0C1\uB2F4\uC6D0\uC5D0\uAC8C \uB77C\uC6B0\uD305\uD568","act.did.unassign":"\uBC30\uC815\uC744 \uD574\uC81C\uD568","act.did.set_priority":"\uC6B0\uC120\uC21C\uC704\uB97C {value}(\uC73C)\uB85C \uC124\uC815\uD568","act.did.add_label":"\uB77C\uBCA8 {label} \uCD94\uAC00\uD568","act.did.remove_label":"\uB77C\uBCA8 {label} \uC0AD\uC81C\uD568","act.did.set_attribute":"{key}\uC744(\uB97C) {value}(\uC73C)\uB85C \uC124\uC815\uD568","act.did.note":"\uBA54\uBAA8\uB97C \uCD94\uAC00\uD568","act.did.snooze":"{minutes}\uBD84 \uB3D9\uC548 \uB2E4\uC2DC \uC54C\uB9BC \uC124\uC815\uD568","act.did.resolve":"\uD574\uACB0\uD568","act.did.reopen":"\uB2E4\uC2DC \uC5F6","act.did.webhook":"\uC6F9\uD6C5\uC744 \uD638\uCD9C\uD568","act.did.csat":"\uB9CC\uC871\uB3C4 \uC870\uC0AC\uB97C \uBCF4\uB0C4","act.did.set_step":"\uD750\uB984\uC744 {step}(\uC73C)\uB85C \uC62E\uAE40","act.did.clear_step":"\uD750\uB984\uC744 \uB05D\uB0C4","act.did.apply_sla":"SLA\uB97C \uC801\uC6A9\uD568","act.did.skipped":"\uBA54\uC2DC\uC9C0\uB97C \uAC74\uB108\uB700: {reason}","act.did.returned_to_queue":"\uB300\uAE30\uC5F4\uB85C \uB3CC\uB824\uBCF4\uB0C4","act.did.csat_response":"\uD3C9\uAC00\uB97C \uAE30\uB85D\uD568","act.did.sla_at_risk":"\uC704\uD5D8 \uC0C1\uD0DC","act.did.sla_breached":"\uC704\uBC18\uB428","act.assigned":"{who}\uB2D8\uC774 {to}\uC5D0\uAC8C \uBC30\uC815\uD568","act.unassigned":"{who}\uB2D8\uC774 \uBC30\uC815\uC744 \uD574\uC81C\uD568","act.team":"{who}\uB2D8\uC774 {to}(\uC73C)\uB85C \uC62E\uAE40","act.priority":"{who}\uB2D8\uC774 \uC6B0\uC120\uC21C\uC704\uB97C {to}(\uC73C)\uB85C \uC124\uC815\uD568","act.status":"{who}\uB2D8\uC774 \uC0C1\uD0DC\uB97C {to}(\uC73C)\uB85C \uC124\uC815\uD568","act.status.resolved":"{who}\uB2D8\uC774 \uD574\uACB0\uD568","act.status.open":"{who}\uB2D8\uC774 \uB2E4\uC2DC \uC5F6","act.status.snoozed":"{who}\uB2D8\uC774 \uB2E4\uC2DC \uC54C\uB9BC\uC744 \uC124\uC815\uD568","act.status.pending":"{who}\uB2D8\uC774 \uBCF4\uB958\uB85C \uD45C\uC2DC\uD568","act.snoozed":"{who}\uB2D8\uC774 {to}\uAE4C\uC9C0 \uB2E4\uC2DC \uC54C\uB9BC\uC744 \uC124\uC815\uD568","act.unsnoozed":"{who}\uB2D8\uC774 \uB2E4\uC2DC \uC54C\uB9BC\uC744 \uD574\uC81C\uD568","act.label_added":"{who}\uB2D8\uC774 \uB77C\uBCA8 {label} \uCD94\uAC00\uD568","act.label_removed":"{who}\uB2D8\uC774 \uB77C\uBCA8 {label} \uC0AD\uC81C\uD568","act.other":"{who}: {what}"};for(let[e,t]of Object.entries(xs))e in Le||(Le[e]=t);for(let[e,t]of Object.entries(Ss))e in Ue||(Ue[e]=t);var re=e=>e==null?"":String(e);function Mt(e,t){if(t==null||t===""||t===0){if(e==="assignee")return n("act.nobody");if(e==="team")return n("act.no_team");if(e!=="priority")return n("act.none")}switch(e){case"assignee":return Ce(Number(t))||"#"+t;case"team":return He(Number(t))||"#"+t;case"priority":return n("prio."+(ie[Number(t)]||"none"));case"status":return n("status."+t);case"snoozed_until":return ge(Number(t));default:return typeof t=="object"?t.name||JSON.stringify(t):re(t)}}function Be(e){let t=e.detail&&typeof e.detail=="object"?e.detail:e,s=re(e.did);switch(s){case"set_priority":return n("act.did.set_priority",{value:Mt("priority",t.priority)});case"assign":return t.user_id?n("act.did.assign_user",{name:Ce(Number(t.user_id))||"#"+t.user_id}):t.team_id?n("act.did.assign_team",{name:He(Number(t.team_id))||"#"+t.team_id}):n("act.did.assign_auto");case"add_label":case"remove_label":return n("act.did."+s,{label:re(t.label)});case"set_attribute":return n("act.did.set_attribute",{key:re(t.key),value:re(t.value)});case"snooze":return n("act.did.snooze",{minutes:re(t.minutes)});case"set_step":return t.step?n("act.did.set_step",{step:t.step}):n("act.did.clear_step");case"template":return n("act.did.template",{name:re(t.name)});case"skipped":return n("act.did.skipped",{reason:re(e.reason||t.reason)});case"returned_to_queue":return n("act.did.returned_to_queue");case"at_risk":case"breached":return n("act.did.sla_"+s);default:return n("act.did."+s)!=="act.did."+s?n("act.did."+s):s.replace(/_/g," ")}}function Dt(e){let t=e.content&&typeof e.content=="object"?e.content:{},s=re(t.action);if(s==="automation"){let o=re(t.rule);return o==="sla"&&!t.rule_id?n("act.sla",{what:Be(t)}):o==="routing"&&!t.rule_id?n("act.routing",{what:Be(t)}):n("act.rule",{rule:o,what:Be(t)})}let a=e.sender&&e.sender.type==="user"&&e.sender.id?Ce(e.sender.id)||"#"+e.sender.id:n("act.system"),i=Mt(s,t.to);switch(s){case"assignee":return t.to?n("act.assigned",{who:a,to:i}):n("act.unassigned",{who:a});case"team":return n("act.team",{who:a,to:i});case"priority":return n("act.priority",{who:a,to:i});case"status":return n("act.status."+re(t.to))!=="act.status."+re(t.to)?n("act.status."+re(t.to),{who:a}):n("act.status",{who:a,to:i});case"snoozed_until":return t.to?n("act.snoozed",{who:a,to:i}):n("act.unsnoozed",{who:a});case"label_added":case"label_removed":return n("act."+s,{who:a,label:Mt("label",t.label||t.to||t.from)});default:return n("act.other",{who:a,what:s.replace(/_/g," ")})}}function In({m:e}){let t=e.sender&&e.sender.type==="automation";return l`<div class=${"activity"+(t?" auto":"")}
    data-id=${e.id} data-type="activity" role="note">
    <span class="activity-text"><bdi>${Dt(e)}</bdi></span>
    <time title=${ge(e.created_at)}>${ct(e.created_at)}</time>
  </div>`}var j=e=>typeof e=="string"?e:e==null?"":String(e);function Nt(e){let t=e.content||{};if(e.text)return e.text;switch(e.type){case"image":return"\u{1F4F7} "+(j(t.caption)||n("msg.image"));case"video":return"\u{1F3AC} "+(j(t.caption)||n("msg.video"));case"audio":return"\u{1F3A4} "+n(t.voice?"msg.voice":"msg.audio");case"document":return"\u{1F4C4} "+(j(t.filename)||n("msg.document"));case"sticker":return n("msg.sticker");case"location":return"\u{1F4CD} "+(j(t.name)||n("msg.location"));case"contacts":return"\u{1F464} "+n("msg.contacts");case"reaction":return j(t.emoji)+" "+n("msg.reaction");case"template":return n("msg.template");case"activity":return Dt(e);default:return n("msg.unsupported",{type:j(e.type)})}}function dt(e){let t=e.media&&e.media[0]||null;return!t||!t.id||t.state==="failed"?null:"/api/v1/media/"+encodeURIComponent(t.id)}function Et({text:e}){return e?l`<p class="msg-text"><bdi>${e}</bdi></p>`:null}function Pt({m:e,label:t}){let s=e.media&&e.media[0]||{};return l`<div class="media-missing"><${N} name="doc" />
    ${s.state==="failed"?n("msg.media_failed"):t}</div>`}function Cs({m:e,onZoom:t}){let s=dt(e),a=e.content||{};return l`<div class="msg-media">
    ${s?l`<button class="thumb" onClick=${()=>t(s)}
        aria-label=${n("msg.open_image")}>
        <img src=${s} alt=${j(a.caption)||n("msg.image")}
          loading="lazy" /></button>`:l`<${Pt} m=${e} label=${n("msg.image")} />`}
    <${Et} text=${j(a.caption)} /></div>`}function Ts({m:e}){let t=dt(e),s=e.content||{};return l`<div class="msg-media">
    <span class="media-kind">${n(s.voice?"msg.voice":"msg.audio")}</span>
    ${t?l`<audio controls preload="none" src=${t}></audio>`:l`<${Pt} m=${e} label=${n("msg.audio")} />`}</div>`}function As({m:e}){let t=dt(e),s=e.content||{};return l`<div class="msg-media">
    ${t?l`<video controls preload="metadata" src=${t}></video>`:l`<${Pt} m=${e} label=${n("msg.video")} />`}
    <${Et} text=${j(s.caption)} /></div>`}function zs({m:e}){let t=dt(e),s=e.content||{},a=e.media&&e.media[0]||{},i=j(s.filename||a.filename)||n("msg.document"),o=l`<${N} name="doc" size=${22} /><span class="doc-text">
    <bdi class="doc-name">${i}</bdi>
    <span class="doc-size">${ut(a.size)} ${j(a.mime_type)}</span>
    </span>`;return l`<div class="msg-media">
    ${t?l`<a class="doc" href=${t} download=${i}>${o}</a>`:l`<div class="doc">${o}</div>`}
    <${Et} text=${j(s.caption)} /></div>`}function Is({m:e}){let t=e.content||{},s=Number(t.latitude),a=Number(t.longitude),o=Number.isFinite(s)&&Number.isFinite(a)&&Math.abs(s)<=90&&Math.abs(a)<=180?`https://www.openstreetmap.org/?mlat=${s}&mlon=${a}#map=16/${s}/${a}`:null;return l`<div class="loc"><${N} name="pin" size=${22} />
    <span><bdi class="loc-name">${j(t.name)||n("msg.location")}</bdi>
      ${t.address&&l`<bdi class="loc-addr">${j(t.address)}</bdi>`}
      ${o&&l`<a href=${o} target="_blank"
        rel="noopener noreferrer">${n("msg.open_map")}</a>`}
    </span></div>`}function Ms({m:e}){let t=Array.isArray(e.content)?e.content:e.content&&e.content.contacts||[];return l`<div class="cards">${t.map((s,a)=>{let i=s.name&&(s.name.formatted_name||s.name.first_name);return l`<div class="card" key=${a}><${N} name="user" />
      <span><bdi class="card-name">${j(i)||n("msg.contact")}</bdi>
      ${(s.phones||[]).map(o=>l`<span class="card-phone">
        ${j(o.phone||o.wa_id)}</span>`)}
      ${(s.emails||[]).map(o=>l`<span class="card-phone">
        ${j(o.email)}</span>`)}</span></div>`})}</div>`}function Ds({m:e}){let t=e.content||{},s=t.button_reply||t.list_reply||t.nfm_reply||t,a=j(s.title||s.text||s.body||s.name);return t.type==="nfm_reply"&&!a&&(a=n("msg.flow_reply")),l`<div class="reply-chip"><span class="reply-kind">
    ${n("msg."+(t.type||"interactive"))}</span>
    <bdi>${a}</bdi>${s.description&&l`<span class="muted">
      ${j(s.description)}</span>`}</div>`}function Ns({m:e}){return l`<div class="unknown"><${N} name="alert" size=${16} />
    ${n("msg.unsupported",{type:j(e.type)||"?"})}</div>`}function Es({m:e,onZoom:t}){let s=e.content||{};switch(e.type){case"text":case"note":return l`<p class="msg-text"><bdi>${j(e.text??s.body)}</bdi></p>`;case"image":case"sticker":return l`<${Cs} m=${e}
    onZoom=${t} />`;case"audio":return l`<${Ts} m=${e} />`;case"video":return l`<${As} m=${e} />`;case"document":return l`<${zs} m=${e} />`;case"location":return l`<${Is} m=${e} />`;case"contacts":return l`<${Ms} m=${e} />`;case"interactive":return l`<${Ds} m=${e} />`;case"button":return l`<div class="reply-chip"><span
    class="reply-kind">${n("msg.button")}</span>
    <bdi>${j(s.text||s.payload)}</bdi></div>`;case"template":return l`<div class="tpl"><span class="reply-kind">
    ${n("msg.template")} · ${j(s.name||s.template&&s.template.name)}
    </span>${e.text&&l`<p class="msg-text"><bdi>${e.text}</bdi></p>`}
    </div>`;case"order":return l`<div class="reply-chip"><span class="reply-kind">
    ${n("msg.order")}</span>${j(s.text)} · ${(s.product_items||[]).length} ${n("msg.items")}</div>`;case"system":return l`<p class="msg-text muted">${j(e.text||s.body)}</p>`;default:return e.text?l`<p class="msg-text"><bdi>${e.text}</bdi></p>`:l`<${Ns} m=${e} />`}}var Ps={queued:"clock",sending:"clock",sent:"\u2713",delivered:"\u2713\u2713",read:"\u2713\u2713",played:"\u2713\u2713",failed:"!",cancelled:"\xD7"};function Ls({m:e}){if(e.direction!=="out"||e.private)return null;let t=e.status||"queued",s=Ps[t]||"";return l`<span class=${"tick "+t} title=${n("status.msg."+t)}
    data-status=${t}>
    ${s==="clock"?l`<${N} name="clock" size=${12} />`:s}
    <span class="sr-only">${n("status.msg."+t)}</span></span>`}function Mn({m:e,quoted:t,reactions:s,onZoom:a}){if(e.type==="activity")return l`<${In} m=${e} />`;let i=e.direction==="out",o="msg "+(e.private?"note":i?"out":"in")+(e.status==="failed"?" failed":"")+(e.status==="cancelled"?" cancelled":""),r=e.sender&&e.sender.type==="user"?Ce(e.sender.id):e.sender&&e.sender.type==="bot"?n("msg.automation"):"";return l`<div class=${o} data-id=${e.id} data-type=${e.type}>
    ${e.private&&l`<span class="note-tag">${n("msg.note")}</span>`}
    ${(i||e.private)&&r&&l`<span class="sender">
      ${r}</span>`}
    ${e.content&&e.content.context&&e.content.context.forwarded&&l`<span class="fwd"><${N} name="forward" size=${12} />
        ${n("msg.forwarded")}</span>`}
    ${e.reply_to_wamid&&l`<div class="quote"><bdi>${t?Nt(t):n("msg.quoted_missing")}</bdi></div>`}
    <${Es} m=${e} onZoom=${a} />
    ${s&&s.length>0&&l`<span class="reactions">
      ${s.map(c=>j(c.content&&c.content.emoji)).join(" ")}
      </span>`}
    <span class="meta"><time title=${ge(e.created_at)}>
      ${ct(e.created_at)}</time><${Ls} m=${e} /></span>
    ${e.status==="failed"&&l`<span class="fail-reason" role="note">
      ${n("msg.failed")}: ${j(e.error&&(e.error.title||e.error.code))||n("msg.failed.unknown")}</span>`}
  </div>`}var Rs=["\u{1F600}","\u{1F60A}","\u{1F642}","\u{1F609}","\u{1F60D}","\u{1F64F}","\u{1F44D}","\u{1F44C}","\u{1F44F}","\u{1F389}","\u2764\uFE0F","\u2705","\u2B50","\u{1F525}","\u{1F622}","\u{1F605}","\u{1F914}","\u{1F4E6}","\u{1F69A}","\u{1F4B3}","\u{1F4DE}","\u23F0","\u{1F44B}","\u{1F64C}"],qs=()=>crypto.randomUUID?crypto.randomUUID():String(Date.now())+Math.random().toString(16).slice(2);function Os(e){return/^image\/(jpeg|png)$/.test(e)?"image":e==="image/webp"?"sticker":e.startsWith("video/")?"video":e.startsWith("audio/")?"audio":"document"}function Fs(e){let t=[],s=/(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```[^`]+```)/g,a=0,i;for(;i=s.exec(e);){i.index>a&&t.push(e.slice(a,i.index));let o=i[0];o.startsWith("```")?t.push(l`<code>${o.slice(3,-3)}</code>`):o[0]==="*"?t.push(l`<strong>${o.slice(1,-1)}</strong>`):o[0]==="_"?t.push(l`<em>${o.slice(1,-1)}</em>`):t.push(l`<s>${o.slice(1,-1)}</s>`),a=i.index+o.length}return t.push(e.slice(a)),t}function Hs(e,t){let a=e.slice(0,t).match(/(^|\s)([/@][^\s/@]*)$/);return a?{text:a[2],start:t-a[2].length}:null}function Dn({conv:e,onSent:t,bind:s}){let a=H(),[i,o]=h("reply"),[r,c]=h(""),[u,d]=h([]),[f,m]=h(!1),[p,$]=h(!1),[v,y]=h(null),[k,D]=h(0),[A,_]=h([]),[z,T]=h(!1),[E,w]=h(!1),[,q]=h(0),[K,Y]=h(!1),V=te(null),ye=te(0),ne=e.window_expires_at,fe=ne==null?!0:ne>Date.now(),ke=ne!==void 0;s&&(s.current={focus:b=>{o(b),V.current&&V.current.focus(),setTimeout(()=>V.current&&V.current.focus(),0)}}),M(()=>{if(!ne)return;let b=setInterval(()=>q(I=>I+1),1e3);return()=>clearInterval(b)},[ne]),M(()=>{if(i!=="reply"||r.length<3||r.startsWith("/")){_([]);return}let b=setTimeout(()=>{L("/api/v1/canned-replies/suggest"+de({q:r,conversation_id:e.id})).then(I=>_((I&&I.data||[]).slice(0,3))).catch(()=>_(Us(Se().canned,r)))},250);return()=>clearTimeout(b)},[r,i]);function g(b){let I=b.target.value;c(I);let R=Hs(I,b.target.selectionStart);if(R&&R.text[0]==="/"&&i==="reply"){let B=R.text.slice(1).toLowerCase(),he=a.canned.filter(ce=>(ce.shortcut||"").toLowerCase().startsWith(B)||(ce.title||"").toLowerCase().includes(B)).slice(0,8);y(he.length?{kind:"canned",tok:R,items:he}:null)}else if(R&&R.text[0]==="@"&&i==="note"){let B=R.text.slice(1).toLowerCase(),he=a.users.filter(ce=>(ce.name||ce.email).toLowerCase().includes(B)).slice(0,8);y(he.length?{kind:"mention",tok:R,items:he}:null)}else y(null);D(0),x()}function x(){Date.now()-ye.current<3e3||(ye.current=Date.now(),O("/api/v1/conversations/"+e.id+"/typing").catch(()=>{}))}function P(b){let{tok:I}=v,R=v.kind==="canned"?Z(b.body)+" ":"@"+(b.name||b.email).replace(/\s+/g,"")+" ",B=r.slice(0,I.start)+R+r.slice(I.start+I.text.length);c(B),y(null),V.current.focus()}function Z(b){return(b||"").replace(/\{\{\s*contact\.name\s*\}\}/g,e.contact&&e.contact.name||"").replace(/\{\{\s*agent\.name\s*\}\}/g,a.me.name||"")}function Ke(b){if(v){if(b.key==="ArrowDown"){b.preventDefault(),D((k+1)%v.items.length);return}if(b.key==="ArrowUp"){b.preventDefault(),D((k+v.items.length-1)%v.items.length);return}if(b.key==="Enter"||b.key==="Tab"){b.preventDefault(),P(v.items[k]);return}if(b.key==="Escape"){b.preventDefault(),y(null);return}}if(b.key==="Escape"){b.target.blur();return}for(let I of a.shortcuts||[])if(js(b,I.keys)&&I.canned_id){let R=a.canned.find(B=>B.id===I.canned_id);if(R){b.preventDefault(),S(Z(R.body));return}}b.key==="Enter"&&!b.shiftKey&&!b.isComposing&&(b.preventDefault(),Ee())}function S(b){let I=V.current,R=I?I.selectionStart:r.length;c(r.slice(0,R)+b+r.slice(R))}function F(b){let R=[...b].filter(B=>(B.size>104857600&&C(n("compose.too_big",{name:B.name}),{kind:"error"}),B.size<=104857600));d(B=>[...B,...R])}async function U(b){let I=new FormData;I.append("file",b,b.name);let R=await O("/api/v1/media",I);return R.data||R}async function Ee(){if(E||!r.trim()&&!u.length)return;if(i==="reply"&&ke&&!fe){T(!0);return}w(!0);let b=r.trim();try{if(i==="note")await $e({type:"note",text:{body:b},private:!0});else if(u.length)for(let I=0;I<u.length;I++){let R=await U(u[I]),B=Os(u[I].type||""),he={id:R.id};I===0&&b&&B!=="audio"&&B!=="sticker"&&(he.caption=b),B==="document"&&(he.filename=u[I].name),await $e({type:B,[B]:he})}else await $e({type:"text",text:{body:b}});c(""),d([]),m(!1)}catch(I){I instanceof ze&&I.code==="window_closed"?(C(n("compose.window_closed"),{kind:"error"}),T(!0)):C(n("compose.failed",{why:I.message}),{kind:"error"})}finally{w(!1)}}async function $e(b){let I=await O("/api/v1/conversations/"+e.id+"/messages",b,{"Idempotency-Key":qs()}),R=I&&(I.data||I)||{};t(R),!b.private&&R.id&&le(R,b)}function le(b,I){let R=a.account&&a.account.undo_send_ms||5e3,B=b.send_after?b.send_after-Date.now():R;return B<=0?void 0:C(n("compose.sending"),{action:n("compose.undo"),timeout:Math.min(B,R),onAction:async()=>{try{let ce=await O("/api/v1/messages/"+b.id+"/cancel");t({...b,...ce&&(ce.data||ce),status:"cancelled"}),I.text&&c(I.text.body),C(n("compose.undone"))}catch(ce){C(ce.status===409?n("compose.too_late"):ce.message,{kind:"error"})}}})}let Ye=i==="reply"&&ke&&!fe;return l`<div class=${"composer "+i+(K?" drag":"")}
    onDragOver=${b=>{b.preventDefault(),Y(!0)}}
    onDragLeave=${()=>Y(!1)}
    onDrop=${b=>{b.preventDefault(),Y(!1),F(b.dataTransfer.files)}}>
    ${A.length>0&&l`<div class="suggest" aria-label=${n("compose.suggested")}><span class="muted">${n("compose.suggested")}
      </span>${A.map(b=>l`<button class="btn small"
        key=${b.id} onClick=${()=>{c(Z(b.body)),_([]),V.current.focus()}}>${b.title||b.shortcut}</button>`)}
    </div>`}
    <div class="compose-tabs" role="tablist">
      <button role="tab" aria-selected=${i==="reply"}
        class=${"ctab"+(i==="reply"?" active":"")}
        onClick=${()=>o("reply")}>${n("compose.reply")} <kbd>r</kbd>
      </button>
      <button role="tab" aria-selected=${i==="note"}
        class=${"ctab"+(i==="note"?" active":"")}
        onClick=${()=>o("note")}>${n("compose.note")} <kbd>n</kbd>
      </button>
      <span class="window">${ne&&fe?n("compose.window_open",{left:xn(ne)}):Ye?n("compose.window_shut"):""}</span>
    </div>
    ${Ye?l`<div class="closed-note"><p>${n("compose.closed.text")}
        </p><button class="btn primary" onClick=${()=>T(!0)}>
        ${n("compose.template")}</button></div>`:l`<div class="compose-box">
      ${v&&l`<ul class="popup" role="listbox">${v.items.map((b,I)=>l`<li role="option" aria-selected=${I===k}
          class=${I===k?"picked":""} key=${b.id}
          onMouseDown=${R=>{R.preventDefault(),P(b)}}>
          ${v.kind==="canned"?l`<b>/${b.shortcut}</b>
            <span class="muted">${b.title}</span>`:l`<b>${b.name||b.email}</b>`}</li>`)}</ul>`}
      ${f?l`<div class="preview" aria-label=${n("compose.preview")}>
          ${r.split(`
`).map(b=>l`<p>${Fs(b)}</p>`)}</div>`:l`<textarea ref=${V} rows="3" value=${r}
          aria-label=${i==="note"?n("compose.note.label"):n("compose.reply.label")}
          placeholder=${i==="note"?n("compose.note.ph"):n("compose.reply.ph")}
          onInput=${g} onKeyDown=${Ke}
          onPaste=${b=>{b.clipboardData.files.length&&(b.preventDefault(),F(b.clipboardData.files))}} />`}
      ${u.length>0&&l`<ul class="files">${u.map((b,I)=>l`<li key=${I}><${N} name="doc" size=${14} /><bdi>${b.name}</bdi>
          <span class="muted">${ut(b.size)}</span>
          <button class="chip-x" aria-label=${n("compose.remove_file",{name:b.name})} onClick=${()=>d(u.filter((R,B)=>B!==I))}>×</button></li>`)}</ul>`}
      <div class="compose-bar">
        <label class="btn icon ghost" title=${n("compose.attach")}>
          <${N} name="clip" /><span class="sr-only">${n("compose.attach")}
          </span><input type="file" multiple class="sr-only"
            onChange=${b=>{F(b.target.files),b.target.value=""}} /></label>
        <button class="btn icon ghost" aria-label=${n("compose.emoji")}
          aria-expanded=${p} title=${n("compose.emoji")}
          onClick=${()=>$(!p)}><${N} name="smile" /></button>
        <button class=${"btn ghost small"+(f?" on":"")}
          aria-pressed=${f} onClick=${()=>m(!f)}>
          ${n("compose.preview")}</button>
        <button class="btn ghost small" onClick=${()=>T(!0)}>
          ${n("compose.template")}</button>
        <span class="spacer"></span>
        <span class="hint hide-sm">${n("compose.hint")}</span>
        <button class="btn primary" onClick=${Ee} disabled=${E||!r.trim()&&!u.length}>
          <${N} name="send" size=${16} />
          ${i==="note"?n("compose.add_note"):n("compose.send")}
        </button>
      </div>
      ${p&&l`<div class="emoji-grid" role="group"
        aria-label=${n("compose.emoji")}>${Rs.map(b=>l`<button
          class="btn ghost" onClick=${()=>{S(b),$(!1)}}>${b}</button>`)}</div>`}
    </div>`}
    ${z&&l`<${Ws} conv=${e} onClose=${()=>T(!1)} send=${async b=>{try{await $e(b),T(!1)}catch(I){C(n("compose.failed",{why:I.message}),{kind:"error"})}}} />`}
  </div>`}function Us(e,t){let s=t.toLowerCase().split(/\W+/).filter(a=>a.length>3);return e.filter(a=>s.some(i=>[a.shortcut,a.title,a.intent,a.body].some(o=>(o||"").toLowerCase().includes(i)))).slice(0,3)}function js(e,t){if(!t)return!1;let s=t.toLowerCase().split("+"),a=s.pop();return e.key.toLowerCase()===a&&e.ctrlKey===s.includes("ctrl")&&e.altKey===s.includes("alt")&&e.shiftKey===s.includes("shift")&&e.metaKey===s.includes("meta")}function Ws({conv:e,onClose:t,send:s}){let[a,i]=h(null),[o,r]=h(null),[c,u]=h([]),d=()=>L("/api/v1/templates"+de({inbox_id:e.inbox_id})).then(y=>i((y&&y.data||[]).filter(k=>!k.status||/^approved$/i.test(k.status)))).catch(()=>i([]));M(()=>{d()},[]);async function f(){try{await O("/api/v1/templates/sync"+de({inbox_id:e.inbox_id}),{inbox_id:e.inbox_id}),d()}catch(y){C(y.message,{kind:"error"})}}let m=o&&(o.components||[]).find(y=>(y.type||"").toUpperCase()==="BODY"),p=o?o.parameters?o.parameters.length:(m&&m.text||"").match(/\{\{\d+\}\}/g)?.length||0:0,$=m?(m.text||"").replace(/\{\{(\d+)\}\}/g,(y,k)=>c[k-1]||y):"";function v(){let y=p?[{type:"body",parameters:c.slice(0,p).map(k=>({type:"text",text:k}))}]:[];s({type:"template",template:{name:o.name,language:{code:o.language},components:y}})}return l`<${Q} title=${n("compose.template")} onClose=${t}>
    ${a===null?l`<p>${n("common.loading")}</p>`:a.length===0?l`<div class="stack"><p>${n("tpl.none")}</p>
        <button class="btn" onClick=${f}>${n("tpl.sync")}</button></div>`:l`<div class="stack">
      <label>${n("tpl.pick")}<select onChange=${y=>{r(a[Number(y.target.value)]||null),u([])}}>
        <option value="">—</option>
        ${a.map((y,k)=>l`<option value=${String(k)}>${y.name} ·
          ${y.language}${y.category?" \xB7 "+y.category:""}</option>`)}
      </select></label>
      ${Array.from({length:p},(y,k)=>l`<label key=${k}>
        ${o.parameters&&o.parameters[k]&&(o.parameters[k].name||o.parameters[k].example)||n("tpl.param",{n:k+1})}
        <input value=${c[k]||""} onInput=${D=>{let A=c.slice();A[k]=D.target.value,u(A)}} /></label>`)}
      ${o&&l`<div class="preview tpl-preview"><p>${$}</p></div>`}
      <button class="btn primary" disabled=${!o||c.slice(0,p).filter(Boolean).length<p} onClick=${v}>
        ${n("tpl.send")}</button></div>`}
  </${Q}>`}var Bs=e=>e&&(e.tagName==="INPUT"||e.tagName==="TEXTAREA"||e.tagName==="SELECT"||e.isContentEditable);function pt(e){let t=te(e);t.current=e,M(()=>{let s=a=>{if(a.ctrlKey||a.metaKey||a.altKey||a.key!=="Escape"&&Bs(document.activeElement)||document.querySelector(".modal")&&a.key!=="Escape")return;let i=t.current[a.key];i&&(a.preventDefault(),i(a))};return addEventListener("keydown",s),()=>removeEventListener("keydown",s)},[])}var Vs=[["j","keys.next"],["k","keys.prev"],["r","keys.reply"],["n","keys.note"],["a","keys.assign"],["e","keys.resolve"],["x","keys.select"],["/","keys.search"],["?","keys.help"],["Enter","keys.send"],["Shift+Enter","keys.newline"],["Esc","keys.escape"]];function Nn({onClose:e}){return l`<${Q} title=${n("keys.title")} onClose=${e}>
    <dl class="keys">${Vs.map(([t,s])=>l`<div key=${t}>
      <dt><kbd>${t}</kbd></dt><dd>${n(s)}</dd></div>`)}</dl>
    <p class="muted">${n("keys.custom")}</p></${Q}>`}var Ks=50;function En(e,t){let s=e.findIndex(a=>a.id===t.id);if(s>=0){let a=e.slice();return a[s]={...e[s],...t},a}return[...e,t].sort((a,i)=>a.created_at-i.created_at||a.id-i.id)}function Pn({id:e,summary:t,onBack:s,onToggleContact:a,onChanged:i}){let o=H(),[r,c]=h(t||null),[u,d]=h([]),[f,m]=h(null),[p,$]=h(null),[v,y]=h(!1),[k,D]=h(!1),A=te(null),_=te(null),z=te(!0);M(()=>{L("/api/v1/conversations/"+e).then(P=>c(P.data||P)).catch(P=>C(P.message,{kind:"error"})),T(null),O("/api/v1/conversations/"+e+"/read").catch(()=>{});let g=()=>O("/api/v1/conversations/"+e+"/viewing").catch(()=>{});g();let x=setInterval(g,2e4);return()=>clearInterval(x)},[e]);async function T(g){try{let x=await L("/api/v1/conversations/"+e+"/messages"+de({cursor:g,limit:Ks})),P=(x.data||[]).slice().reverse();d(Z=>g?[...P,...Z]:P),m(x.next_cursor||null)}catch(x){C(x.message,{kind:"error"})}}M(()=>Re((g,x)=>{if(g==="message.created"||g==="message.updated"){let P=x.message||x;if(P.conversation_id!==e)return;d(Z=>En(Z,P)),g==="message.created"&&P.direction==="in"&&O("/api/v1/conversations/"+e+"/read").catch(()=>{})}else if(g==="conversation.updated"){let P=x.conversation||x;P.id===e&&c(Z=>({...Z,...P}))}}),[e]),M(()=>{let g=A.current;g&&z.current&&(g.scrollTop=g.scrollHeight)},[u]),M(()=>{let g=A.current;if(!g||typeof ResizeObserver>"u")return;let x=new ResizeObserver(()=>{z.current&&(g.scrollTop=g.scrollHeight)});return x.observe(g.firstElementChild),()=>x.disconnect()},[]);function E(g){let x=g.currentTarget;if(z.current=x.scrollHeight-x.scrollTop-x.clientHeight<80,x.scrollTop<40&&f){let P=f;m(null);let Z=x.scrollHeight;T(P).then(()=>{x.scrollTop=x.scrollHeight-Z})}}async function w(g){try{let x=await ae("/api/v1/conversations/"+e,g),P={...r,...x&&(x.data||x)};c(P),i(P)}catch(x){C(x.message,{kind:"error"})}}async function q(g,x){try{await(x?O:ue)("/api/v1/conversations/"+e+"/labels/"+g.id);let P=x?[...r.labels||[],g]:(r.labels||[]).filter(Z=>Z.id!==g.id);c({...r,labels:P}),i({...r,labels:P})}catch(P){C(P.message,{kind:"error"})}}let K=r&&r.status==="resolved";pt({e:()=>w({status:K?"open":"resolved"}),a:()=>document.getElementById("assign-select").focus(),r:()=>_.current&&_.current.focus("reply"),n:()=>_.current&&_.current.focus("note")});let Y=new Map(u.filter(g=>g.wamid).map(g=>[g.wamid,g])),V=new Map;for(let g of u){if(g.type!=="reaction"||!g.content)continue;let x=g.content.message_id;V.set(x,[...V.get(x)||[],g])}let ye=r&&r.contact&&(r.contact.name||r.contact.phone||r.contact.wa_id),ne=Object.entries(o.presence[e]||{}).filter(([g,x])=>Number(g)!==o.me.id&&Date.now()-x.at<3e4),[,fe]=h(0);M(()=>{if(!ne.length)return;let g=setTimeout(()=>fe(x=>x+1),5e3);return()=>clearTimeout(g)});let ke="";return l`<div class="thread">
    <header class="thread-head">
      <button class="btn icon ghost back" onClick=${s}
        aria-label=${n("common.back")}><${N} name="back" /></button>
      <div class="thread-title">
        <h2><bdi>${ye||"\u2026"}</bdi></h2>
        <span class="muted">${r&&r.contact&&r.contact.phone}
          ${r&&r.status&&l` · ${n("status."+r.status)}`}
        </span>
      </div>
      <div class="thread-selects">
        <select id="assign-select" aria-label=${n("action.assign")}
          title=${n("action.assign")+" (a)"}
          value=${r&&r.assignee_id?String(r.assignee_id):""}
          onChange=${g=>w({assignee_id:Number(g.target.value)||null})}>
          <option value="">${n("tab.unassigned")}</option>
          ${o.users.filter(g=>!g.disabled).map(g=>l`<option
            value=${String(g.id)}>${g.id===o.me.id?n("assign.me",{name:g.name}):g.name||g.email}</option>`)}
        </select>
        <select aria-label=${n("action.team")}
          value=${r&&r.team_id?String(r.team_id):""}
          onChange=${g=>w({team_id:Number(g.target.value)||null})}>
          <option value="">${n("team.none")}</option>
          ${o.teams.map(g=>l`<option value=${String(g.id)}>
            ${g.name}</option>`)}
        </select>
        <select aria-label=${n("action.priority")}
          value=${String(r&&r.priority||0)}
          onChange=${g=>w({priority:Number(g.target.value)})}>
          ${ie.map((g,x)=>l`<option value=${String(x)}>
            ${n("prio."+g)}</option>`)}
        </select>
      </div>
      <div class="thread-actions">
        <button class="btn" onClick=${()=>y(!0)}
          title=${n("action.snooze")}><${N} name="clock" size=${16} />
          <span class="hide-sm">${n("action.snooze")}</span></button>
        <button class=${"btn "+(K?"":"primary")}
          onClick=${()=>w({status:K?"open":"resolved"})}
          title=${(K?n("action.reopen"):n("action.resolve"))+" (e)"}>
          <${N} name="check" size=${16} />
          <span class="hide-sm">${K?n("action.reopen"):n("action.resolve")}</span></button>
        <button class="btn icon ghost" onClick=${a}
          aria-label=${n("contact.pane")} title=${n("contact.pane")}>
          <${N} name="info" /></button>
      </div>
    </header>
    <div class="thread-sub">
      ${(r&&r.labels||[]).map(g=>l`<${_e} key=${g.id}
        label=${g} onRemove=${()=>q(g,!1)} />`)}
      ${o.labels.length>0&&l`<button class="btn link small"
        onClick=${()=>D(!k)}>+ ${n("action.label")}
        </button>`}
      ${k&&l`<select aria-label=${n("action.label")}
        onChange=${g=>{let x=o.labels.find(P=>String(P.id)===g.target.value);x&&q(x,!0),D(!1)}}>
        <option value="">${n("action.label")}</option>
        ${o.labels.filter(g=>!(r.labels||[]).some(x=>x.id===g.id)).map(g=>l`<option value=${String(g.id)}>${g.name}
          </option>`)}</select>`}
      ${r&&r.snoozed_until&&r.status==="snoozed"&&l`
        <span class="muted">${n("snooze.until",{when:new Date(r.snoozed_until).toLocaleString()})}</span>`}
      ${ne.length>0&&l`<span class="presence" role="status">
        ${ne.map(([g,x])=>n(x.type==="typing"?"presence.typing":"presence.viewing",{name:x.name||Ce(Number(g))||"#"+g})).join(" \xB7 ")}</span>`}
    </div>
    <div class="messages" ref=${A} onScroll=${E}
      role="log" aria-live="polite" aria-label=${n("inbox.thread")}>
      <div class="messages-inner">
      ${f&&l`<div class="muted center">${n("common.loading")}
        </div>`}
      ${u.filter(g=>g.type!=="reaction").map(g=>{let x=kn(g.created_at),P=x!==ke;return ke=x,l`${P&&l`<div class="day"><span>${x}</span>
          </div>`}<${Mn} key=${g.id} m=${g}
          quoted=${g.reply_to_wamid&&Y.get(g.reply_to_wamid)}
          reactions=${g.wamid&&V.get(g.wamid)}
          onZoom=${$} />`})}
    </div></div>
    ${r&&l`<${Dn} bind=${_} conv=${r}
      onSent=${g=>d(x=>En(x,g))} />`}
    ${p&&l`<${Q} title=${n("msg.image")} wide
      onClose=${()=>$(null)}><img class="zoomed" src=${p}
      alt="" /></${Q}>`}
    ${v&&l`<${Ys} onClose=${()=>y(!1)}
      onPick=${g=>{y(!1),w({status:"snoozed",snoozed_until:g})}} />`}
  </div>`}function Ys({onClose:e,onPick:t}){let[s,a]=h(""),i=new Date,o=(c,u=0)=>{let d=new Date(i);return d.setDate(d.getDate()+u),d.setHours(c,0,0,0),d.getTime()},r=[[n("snooze.hour"),Date.now()+36e5],[n("snooze.evening"),o(18)>Date.now()?o(18):o(18,1)],[n("snooze.tomorrow"),o(9,1)],[n("snooze.week"),o(9,7)]];return l`<${Q} title=${n("action.snooze")} onClose=${e}>
    <div class="stack">
      ${r.map(([c,u])=>l`<button class="btn wide"
        onClick=${()=>t(u)}>${c}</button>`)}
      <label>${n("snooze.custom")}<input type="datetime-local"
        value=${s} onInput=${c=>a(c.target.value)} /></label>
      <button class="btn primary" disabled=${!s}
        onClick=${()=>t(new Date(s).getTime())}>
        ${n("action.snooze")}</button>
    </div></${Q}>`}function ve({label:e,value:t,onSave:s,type:a="text"}){let[i,o]=h(t||"");return M(()=>o(t||""),[t]),l`<label class="field"><span class="field-label">${e}</span>
    <input class="inplace" type=${a} value=${i}
      onInput=${c=>o(c.target.value)} onBlur=${()=>{(t||"")!==i&&s(i)}}
      onKeyDown=${c=>{c.key==="Enter"&&c.target.blur(),c.key==="Escape"&&(o(t||""),c.target.blur())}} />
  </label>`}function Ln({conversationId:e,contactId:t,summary:s,onClose:a}){let i=H(),[o,r]=h(null),[c,u]=h([]),[d,f]=h(""),[m,p]=h([]),[$,v]=h(!1);M(()=>{t&&(L("/api/v1/contacts/"+t).then(_=>r(_.data||_)).catch(_=>{oe(_)&&v(!0)}),L("/api/v1/contacts/"+t+"/notes").then(_=>u(_.data||[])).catch(()=>{}),L("/api/v1/conversations"+de({contact_id:t,status:"all",limit:10})).then(_=>p((_.data||[]).filter(z=>z.id!==e&&(z.contact_id??(z.contact&&z.contact.id))===t))).catch(()=>{}))},[t]);async function y(_){try{let z=await ae("/api/v1/contacts/"+t,_);r({...o,..._,...z&&(z.data||z)})}catch(z){C(z.message,{kind:"error"})}}async function k(_){if(_.preventDefault(),!!d.trim())try{let z=await O("/api/v1/contacts/"+t+"/notes",{body:d.trim()});u([z.data||z,...c]),f("")}catch(z){C(z.message,{kind:"error"})}}async function D(_,z){try{await(z?O:ue)("/api/v1/contacts/"+t+"/labels/"+_.id);let T=z?[...o.labels||[],_]:(o.labels||[]).filter(E=>E.id!==_.id);r({...o,labels:T})}catch(T){C(T.message,{kind:"error"})}}if($&&s)return l`<${Js} c=${s}
    onClose=${a} />`;if($||!t)return l`<div class="contact">
    <p class="muted pad">${n("contact.unavailable")}</p></div>`;if(!o)return l`<div class="contact"><p class="muted pad">
    ${n("common.loading")}</p></div>`;let A=o.attributes||{};return l`<div class="contact">
    <header class="contact-head">
      <${Te} name=${o.name||o.phone} size=${48} />
      <div><h3><bdi>${o.name||o.phone||o.wa_id}</bdi></h3>
        <span class="muted">${o.phone||o.wa_id}</span></div>
      <button class="btn icon ghost close-contact" onClick=${a}
        aria-label=${n("common.close")}><${N} name="x" /></button>
    </header>
    <section class="contact-sec">
      <${ve} label=${n("contact.name")} value=${o.name}
        onSave=${_=>y({name:_})} />
      <${ve} label=${n("contact.phone")} value=${o.phone}
        onSave=${_=>y({phone:_})} type="tel" />
      <${ve} label=${n("contact.email")} value=${o.email}
        onSave=${_=>y({email:_})} type="email" />
      ${i.attributes.filter(_=>!_.model||_.model==="contact").map(_=>l`<${ve} key=${_.key||_.id}
          label=${_.name||_.key} value=${A[_.key]==null?"":String(A[_.key])}
          onSave=${z=>y({attributes:{...A,[_.key]:z}})} />`)}
    </section>
    <section class="contact-sec">
      <h4>${n("contact.labels")}</h4>
      <div class="chips">${(o.labels||[]).map(_=>l`<${_e}
        key=${_.id} label=${_} onRemove=${()=>D(_,!1)} />`)}
      ${i.labels.length>0&&l`<select aria-label=${n("action.label")}
        onChange=${_=>{let z=i.labels.find(T=>String(T.id)===_.target.value);z&&D(z,!0),_.target.value=""}}>
        <option value="">+ ${n("action.label")}</option>
        ${i.labels.filter(_=>!(o.labels||[]).some(z=>z.id===_.id)).map(_=>l`<option value=${String(_.id)}>${_.name}
          </option>`)}</select>`}</div>
    </section>
    <section class="contact-sec">
      <h4>${n("contact.notes")}</h4>
      <form onSubmit=${k} class="note-form">
        <textarea rows="2" value=${d} aria-label=${n("contact.add_note")}
          placeholder=${n("contact.add_note")}
          onInput=${_=>f(_.target.value)} />
        <button class="btn small" type="submit" disabled=${!d.trim()}>
          ${n("common.save")}</button>
      </form>
      <ul class="notes">${c.map(_=>l`<li key=${_.id}>
        <p><bdi>${_.body||_.text}</bdi></p><span class="muted"
        title=${ge(_.created_at)}>${pe(_.created_at)}</span>
        </li>`)}</ul>
    </section>
    <section class="contact-sec">
      <h4>${n("contact.history")}</h4>
      ${m.length===0&&l`<p class="muted">${n("contact.no_history")}
        </p>`}
      <ul class="history">${m.map(_=>l`<li key=${_.id}>
        <a href=${"/inbox/"+_.id} onClick=${z=>{z.preventDefault(),se("/inbox/"+_.id)}}>#${_.id} · ${n("status."+_.status)}
          · ${pe(_.last_message_at)}</a></li>`)}</ul>
    </section>
  </div>`}function Js({c:e,onClose:t}){return l`<div class="contact">
    <header class="contact-head">
      <${Te} name=${e.name||e.phone} size=${48} />
      <div><h3><bdi>${e.name||e.phone||e.wa_id}</bdi></h3>
        <span class="muted">${e.phone||e.wa_id}</span></div>
      <button class="btn icon ghost close-contact" onClick=${t}
        aria-label=${n("common.close")}><${N} name="x" /></button>
    </header>
    <section class="contact-sec">
      <div class="field"><span class="field-label">${n("contact.phone")}
        </span><span>${e.phone||"\u2014"}</span></div>
      <div class="field"><span class="field-label">WhatsApp ID</span>
        <span>${e.wa_id||"\u2014"}</span></div>
      <p class="muted">${n("contact.readonly")}</p>
    </section></div>`}var Rn=["mon","tue","wed","thu","fri","sat","sun"];function qn(e){let[t,s]=h(null),a=()=>L(e).then(i=>s(i&&i.data||[])).catch(i=>{oe(i)||C(i.message,{kind:"error"}),s([])});return M(()=>{a()},[e]),[t,a]}function Ve(e){if(!e)return"\u2014";let t=Math.floor(e/3600),s=Math.round(e%3600/60);return[t&&n("dur.h",{n:t}),s&&n("dur.min",{n:s})].filter(Boolean).join(" ")||n("dur.min",{n:0})}function On(){let[e,t]=qn("/api/v1/sla-policies"),s={name:"",first:"",next:"",resolution:"",business_hours_only:!1,at_risk_pct:80},[a,i]=h(s),o=(u,d)=>i({...a,[u]:d});async function r(u){u.preventDefault();let d=f=>Math.round(Number(f||0)*60);try{await O("/api/v1/sla-policies",{name:a.name.trim(),first_response_s:d(a.first),next_response_s:d(a.next),resolution_s:d(a.resolution),business_hours_only:a.business_hours_only,at_risk_pct:Number(a.at_risk_pct)||80}),i(s),C(n("common.saved")),t()}catch(f){C(f.message,{kind:"error",timeout:8e3})}}async function c(u){if(confirm(n("common.confirm_delete",{name:u.name})))try{await ue("/api/v1/sla-policies/"+u.id),t()}catch(d){C(d.message,{kind:"error"})}}return l`<div>
    <header class="page-head"><h2>${n("settings.sla")}</h2></header>
    <p class="muted">${n("sla.intro")}</p>
    ${e===null?l`<p class="muted">${n("common.loading")}</p>`:e.length===0?l`<${ee} title=${n("sla.none")} />`:l`<div class="table-wrap"><table class="table"><thead><tr>
        <th>${n("f.name")}</th><th>${n("sla.first")}</th>
        <th>${n("sla.next")}</th><th>${n("sla.resolution")}</th>
        <th>${n("sla.at_risk_pct")}</th><th>${n("sla.bh_only")}</th>
        <th class="narrow"><span class="sr-only">${n("common.actions")}
        </span></th></tr></thead><tbody>
        ${e.map(u=>l`<tr key=${u.id}><td>${u.name}</td>
          <td>${Ve(u.first_response_s)}</td>
          <td>${Ve(u.next_response_s)}</td>
          <td>${Ve(u.resolution_s)}</td><td>${u.at_risk_pct} %</td>
          <td>${u.business_hours_only?n("common.yes"):n("common.no")}</td>
          <td><button class="btn small danger" onClick=${()=>c(u)}>
            ${n("common.delete")}</button></td></tr>`)}
        </tbody></table></div>`}
    <h3>${n("sla.add")}</h3>
    <form class="stack narrow-col" onSubmit=${r}>
      <label>${n("f.name")}<input required value=${a.name}
        onInput=${u=>o("name",u.target.value)} /></label>
      ${[["first","sla.first"],["next","sla.next"],["resolution","sla.resolution"]].map(([u,d])=>l`<label
        key=${u}>${n(d)} (${n("sla.minutes")})<input type="number" min="0"
        value=${a[u]} onInput=${f=>o(u,f.target.value)} /></label>`)}
      <label>${n("sla.at_risk_pct")}<input type="number" min="1" max="99"
        value=${a.at_risk_pct} onInput=${u=>o("at_risk_pct",u.target.value)} /></label>
      <label class="check"><input type="checkbox"
        checked=${a.business_hours_only} onChange=${u=>o("business_hours_only",u.target.checked)} />${n("sla.bh_only")}
      </label>
      <button class="btn primary" type="submit">${n("common.add")}</button>
    </form>
  </div>`}function Fn(){let e=H(),[t,s]=h(e.inboxes[0]?String(e.inboxes[0].id):"");return M(()=>{!t&&e.inboxes[0]&&s(String(e.inboxes[0].id))},[e.inboxes.length]),l`<div>
    <header class="page-head"><h2>${n("settings.hours")}</h2></header>
    <p class="muted">${n("hours.intro")}</p>
    ${e.inboxes.length===0?l`<${ee} title=${n("hours.no_inbox")} />`:l`<label class="inline">${n("hours.inbox")}<select value=${t}
        onChange=${a=>s(a.target.value)}>${e.inboxes.map(a=>l`<option value=${String(a.id)}>${a.name}</option>`)}</select>
        </label>
        ${t&&l`<${Zs} key=${t} inbox=${t} />`}`}
  </div>`}function Zs({inbox:e}){let[t,s]=h(null),[a,i]=h(!1),o=typeof Intl.supportedValuesOf=="function"?Intl.supportedValuesOf("timeZone"):[];if(M(()=>{L("/api/v1/business-hours/"+e).then(u=>{let d=u&&u.hours||{};s({timezone:d.timezone||"UTC",weekly:d.weekly||[],holidays:(d.holidays||[]).join(`
`)})}).catch(()=>{i(!0),s({timezone:Intl.DateTimeFormat().resolvedOptions().timeZone||"UTC",weekly:Rn.slice(0,5).map(u=>({day:u,open:"09:00",close:"18:00"})),holidays:""})})},[e]),!t)return l`<p class="muted">${n("common.loading")}</p>`;let r=(u,d,f)=>s({...t,weekly:t.weekly.map((m,p)=>p===u?{...m,[d]:f}:m)});async function c(u){u.preventDefault();try{await Pe("/api/v1/business-hours/"+e,{timezone:t.timezone,weekly:t.weekly,holidays:t.holidays.split(/[\s,]+/).filter(Boolean)}),i(!1),C(n("common.saved"))}catch(d){C(d.message,{kind:"error",timeout:8e3})}}return l`<form class="stack hours" onSubmit=${c}>
    ${a&&l`<p class="muted">${n("hours.none")}</p>`}
    <label>${n("f.timezone")}<input list="bh-zones" value=${t.timezone}
      required onInput=${u=>s({...t,timezone:u.target.value})} />
      <datalist id="bh-zones">${o.map(u=>l`<option value=${u} />`)}
      </datalist></label>
    <fieldset class="stack"><legend>${n("hours.weekly")}</legend>
      ${t.weekly.map((u,d)=>l`<div class="hours-row" key=${d}>
        <select aria-label=${n("hours.day")} value=${u.day}
          onChange=${f=>r(d,"day",f.target.value)}>
          ${Rn.map(f=>l`<option value=${f}>${n("day."+f)}
          </option>`)}</select>
        <input type="time" aria-label=${n("hours.open")} value=${u.open}
          required onInput=${f=>r(d,"open",f.target.value)} />
        <span aria-hidden="true">–</span>
        <input aria-label=${n("hours.close")} value=${u.close} required
          pattern="([01][0-9]|2[0-3]):[0-5][0-9]|24:00" size="5"
          onInput=${f=>r(d,"close",f.target.value)} />
        <button type="button" class="btn small icon ghost"
          aria-label=${n("hours.remove")} onClick=${()=>s({...t,weekly:t.weekly.filter((f,m)=>m!==d)})}>×</button>
      </div>`)}
      <button type="button" class="btn small" onClick=${()=>s({...t,weekly:[...t.weekly,{day:"mon",open:"09:00",close:"18:00"}]})}>+ ${n("hours.add")}</button>
    </fieldset>
    <label>${n("hours.holidays")}<textarea rows="3" value=${t.holidays}
      placeholder="2026-12-25" onInput=${u=>s({...t,holidays:u.target.value})} /></label>
    <p class="muted small">${n("hours.ooh")}</p>
    <button class="btn primary" type="submit">${n("common.save")}</button>
  </form>`}function Hn(){let e=H(),[t,s]=qn("/api/v1/assignment-policies"),a={scope:"team",target:"",mode:"least_loaded",capacity:10,skills:"",reassign_after_min:0},[i,o]=h(a),r=(m,p)=>o({...i,[m]:p});async function c(m){m.preventDefault();try{await O("/api/v1/assignment-policies",{[i.scope==="team"?"team_id":"inbox_id"]:Number(i.target),mode:i.mode,capacity:Number(i.capacity)||0,skills:i.skills.split(",").map(p=>p.trim()).filter(Boolean),reassign_after_min:Number(i.reassign_after_min)||0}),o(a),C(n("common.saved")),s()}catch(p){C(p.message,{kind:"error",timeout:8e3})}}async function u(m){if(confirm(n("common.confirm_delete",{name:"#"+m.id})))try{await ue("/api/v1/assignment-policies/"+m.id),s()}catch(p){C(p.message,{kind:"error"})}}let d=m=>(e.inboxes.find(p=>p.id===m)||{}).name||"#"+m,f=i.scope==="team"?e.teams:e.inboxes;return l`<div>
    <header class="page-head"><h2>${n("settings.assignment")}</h2></header>
    <p class="muted">${n("assign.intro")}</p>
    ${t===null?l`<p class="muted">${n("common.loading")}</p>`:t.length===0?l`<${ee} title=${n("assign.none")} />`:l`<div class="table-wrap"><table class="table"><thead><tr>
        <th>${n("assign.applies")}</th><th>${n("assign.mode")}</th>
        <th>${n("assign.capacity")}</th><th>${n("assign.skills")}</th>
        <th>${n("assign.reassign")}</th><th class="narrow"><span
        class="sr-only">${n("common.actions")}</span></th></tr></thead><tbody>
        ${t.map(m=>l`<tr key=${m.id}>
          <td>${m.team_id?n("assign.team_x",{name:He(m.team_id)||"#"+m.team_id}):n("assign.inbox_x",{name:d(m.inbox_id)})}</td>
          <td>${n("assign.mode."+m.mode)}</td>
          <td>${m.capacity||n("assign.unlimited")}</td>
          <td>${(m.skills||[]).join(", ")||"\u2014"}</td>
          <td>${m.reassign_after_min?n("dur.min",{n:m.reassign_after_min}):"\u2014"}</td>
          <td><button class="btn small danger" onClick=${()=>u(m)}>
            ${n("common.delete")}</button></td></tr>`)}
        </tbody></table></div>`}
    <h3>${n("assign.add")}</h3>
    <form class="stack narrow-col" onSubmit=${c}>
      <div class="row-fields">
        <label>${n("assign.scope")}<select value=${i.scope}
          onChange=${m=>o({...i,scope:m.target.value,target:""})}>
          <option value="team">${n("assign.scope.team")}</option>
          <option value="inbox">${n("assign.scope.inbox")}</option></select>
        </label>
        <label class="grow">${i.scope==="team"?n("assign.scope.team"):n("assign.scope.inbox")}<select required value=${i.target}
          onChange=${m=>r("target",m.target.value)}>
          <option value="">—</option>${f.map(m=>l`<option
          value=${String(m.id)}>${m.name}</option>`)}</select></label>
      </div>
      <label>${n("assign.mode")}<select value=${i.mode}
        onChange=${m=>r("mode",m.target.value)}>
        <option value="least_loaded">${n("assign.mode.least_loaded")}
        </option><option value="round_robin">${n("assign.mode.round_robin")}
        </option></select></label>
      <label>${n("assign.capacity")}<input type="number" min="0" max="1000"
        value=${i.capacity} onInput=${m=>r("capacity",m.target.value)} /></label>
      <label>${n("assign.skills")}<input value=${i.skills}
        placeholder="lang:ko, billing" onInput=${m=>r("skills",m.target.value)} /></label>
      <label>${n("assign.reassign")}<input type="number" min="0"
        value=${i.reassign_after_min} onInput=${m=>r("reassign_after_min",m.target.value)} /></label>
      <button class="btn primary" type="submit">${n("common.add")}</button>
    </form>
    <${Gs} />
  </div>`}function Gs(){let e=H(),[t,s]=h({});async function a(i){try{let o=String(t[i.id]||"").split(",").map(r=>r.trim()).filter(Boolean);await Pe("/api/v1/agents/"+i.id+"/skills",{skills:o}),C(n("assign.skills_saved",{name:i.name||i.email}))}catch(o){C(o.message,{kind:"error"})}}return l`<section><h3>${n("assign.agent_skills")}</h3>
    <p class="muted small">${n("assign.skills_help")}</p>
    <ul class="plain skills">${e.users.filter(i=>!i.disabled).map(i=>l`<li key=${i.id}><form class="skill-row" onSubmit=${o=>{o.preventDefault(),a(i)}}>
        <label class="grow">${i.name||i.email}<input value=${t[i.id]||""} placeholder="lang:ko, billing" onInput=${o=>s({...t,[i.id]:o.target.value})} /></label>
        <button class="btn small" type="submit">${n("common.save")}</button>
      </form></li>`)}</ul></section>`}var Qs={on_track:"ok",met:"ok",at_risk:"warn",breached:"bad"};function Un({id:e}){let[t,s]=h(null),[a,i]=h(!1),[o,r]=h(null),c=()=>L("/api/v1/conversations/"+e+"/automation").then(s).catch(m=>{(oe(m)||m.status===403)&&i(!0)});if(M(()=>{c()},[e]),M(()=>Re((m,p)=>{let $=p&&(p.message||p);m==="message.created"&&$&&$.conversation_id===e&&$.type==="activity"&&c(),m==="conversation.updated"&&$&&$.id===e&&c()}),[e]),M(()=>{!t||!t.sla_policy_id||L("/api/v1/sla-policies").then(m=>r((m.data||[]).find(p=>p.id===t.sla_policy_id)||null)).catch(()=>{})},[t&&t.sla_policy_id]),a)return null;if(!t)return l`<section class="contact-sec auto-panel"><h4>
    ${n("auto.title")}</h4><p class="muted">${n("common.loading")}</p>
    </section>`;let u=t.sla_state&&t.sla_state!=="none"?t.sla_state:"",d=t.sla_due_at||t.sla&&t.sla.due_at,f=t.queue;return l`<section class="contact-sec auto-panel"
    aria-label=${n("auto.title")}>
    <h4>${n("auto.title")}</h4>
    <div class="field"><span class="field-label">${n("auto.sla")}</span>
      ${u?l`<span class=${"sla-badge "+(Qs[u]||"")}
        data-sla=${u}>${n("sla.state."+u)}${d?l` · <time
        title=${ge(d)}>${n("auto.due",{when:wn(d)})}
        </time>`:""}</span>${o&&l`<span class="muted small">
        ${o.name} · ${n("sla.first")} ${Ve(o.first_response_s)}</span>`}`:l`<span class="muted">
        ${n("auto.no_sla")}</span>`}</div>
    <div class="field"><span class="field-label">${n("auto.queue")}</span>
      ${f?l`<span data-queue=${f.position}>${n("auto.position",{n:f.position})} · ${n("auto.wait",{d:Ve(Math.round((f.expected_wait_ms||0)/1e3))})}</span>`:l`<span class="muted">${n("auto.not_queued")}</span>`}</div>
    ${t.flow_step&&l`<div class="field"><span class="field-label">
      ${n("field.flow_step")}</span><code>${t.flow_step}</code></div>`}
    <h4 class="auto-h">${n("auto.history")}</h4>
    ${(t.actions||[]).length===0?l`<p class="muted">
      ${n("auto.nothing")}</p>`:l`<ol class="auto-history">
      ${t.actions.map((m,p)=>l`<li key=${p}><span>
        <strong><bdi>${m.rule==="sla"&&!m.rule_id?n("auto.sla"):m.rule==="routing"&&!m.rule_id?n("auto.routing"):m.rule}</bdi></strong> ${Be(m)}</span>
        ${m.at?l`<time class="muted" title=${ge(m.at)}>
          ${pe(m.at)}</time>`:""}</li>`)}</ol>`}
  </section>`}var Xs=["mine","unassigned","all"],ea=30;function ta(e,t,s){return de({assignee:t.assignee||(e==="all"?"":e==="mine"?"me":"unassigned"),status:t.status,inbox_id:t.inbox_id,team_id:t.team_id,label:t.label,priority:t.priority,sort:t.sort,q:t.q,cursor:s,limit:ea})}function na(e,t,s,a){return t==="mine"&&e.assignee_id!==a.id||t==="unassigned"&&e.assignee_id||s.status&&s.status!=="all"&&e.status!==s.status||s.inbox_id&&String(e.inbox_id)!==String(s.inbox_id)||s.team_id&&String(e.team_id)!==String(s.team_id)||s.priority&&String(e.priority)!==String(s.priority)?!1:!s.q}function jn(e,t){return t==="waiting"?-(e.waiting_since||1/0):t==="priority"?(e.priority||0)*1e15+(e.last_message_at||0):e.last_message_at||0}function Wn({id:e}){let t=H(),[s,a]=h(()=>localStorage.getItem("parley.tab")||"mine"),[i,o]=h({status:"open",sort:"last_activity"}),[r,c]=h([]),[u,d]=h(null),[f,m]=h(!0),[p,$]=h(!1),[v,y]=h({}),[k,D]=h(new Set),[A,_]=h(!1),[z,T]=h(!1),[E,w]=h(!1),q=te(null),K=te(0),Y=St(async S=>{let F=S?K.current:++K.current;m(!0);try{let U=await L("/api/v1/conversations"+ta(s,i,S?u:""));if(F!==K.current)return;let Ee=Se().me,$e=(U.data||[]).filter(le=>s==="all"||(s==="mine"?le.assignee_id===Ee.id:!le.assignee_id));c(le=>S?[...le,...$e]:$e),d(U.next_cursor||null),$(!1)}catch(U){oe(U)?$(!0):C(n("error.load",{what:U.message}),{kind:"error"})}finally{F===K.current&&m(!1)}},[s,i,u]),V=St(()=>{L("/api/v1/conversations/counts").then(y).catch(()=>{})},[]);M(()=>{Y(!1),D(new Set)},[s,i]),M(V,[]),M(()=>localStorage.setItem("parley.tab",s),[s]),M(()=>Re((S,F)=>{if(S==="conversation.created"||S==="conversation.updated"){let U=F.conversation||F;if(!U||!U.id)return;if(!U.contact){ne(U.id);return}ye(U),V()}else if(S==="message.created"){let U=F.message||F;ne(U.conversation_id),V()}}),[s,i,t.me]);function ye(S){c(F=>{let U=F.filter(le=>le.id!==S.id);if(!na(S,s,i,Se().me))return U;let Ee={...F.find(le=>le.id===S.id)||{},...S},$e=[...U,Ee];return $e.sort((le,Ye)=>jn(Ye,i.sort)-jn(le,i.sort)),$e})}function ne(S){S&&L("/api/v1/conversations/"+S).then(F=>ye(F.data||F)).catch(()=>{})}let fe=S=>se(S?"/inbox/"+S:"/inbox"),ke=r.findIndex(S=>S.id===e);pt({j:()=>r.length&&fe(r[Math.min(ke+1,r.length-1)].id),k:()=>r.length&&fe(r[Math.max(ke-1,0)].id),"/":()=>q.current&&q.current.focus(),"?":()=>T(!0),Escape:()=>{T(!1),D(new Set)},x:()=>e&&g(e)});function g(S){D(F=>{let U=new Set(F);return U.has(S)?U.delete(S):U.add(S),U})}let x=te(null);M(()=>{if(!x.current||!u)return;let S=new IntersectionObserver(F=>{F.some(U=>U.isIntersecting)&&!f&&Y(!0)});return S.observe(x.current),()=>S.disconnect()},[u,f,Y]);let P=(S,F)=>o(U=>({...U,[S]:F})),Z=r.find(S=>S.id===e),Ke=S=>{let F=v[S];return F==null?null:typeof F=="number"?F:F.unread??F.open??F.total};return l`<div class=${"inbox"+(e?" has-thread":"")+(A?" show-contact":"")}>
    <section class="list-pane" aria-label=${n("inbox.list")}>
      <header class="list-head">
        <div class="tabs" role="tablist">
          ${Xs.map(S=>l`<button role="tab" key=${S}
            aria-selected=${s===S} class=${"tab"+(s===S?" active":"")} onClick=${()=>a(S)}>
            ${n("tab."+S)}${Ke(S)?l` <span class="count">
              ${Ke(S)}</span>`:""}</button>`)}
        </div>
        <div class="search-row">
          <label class="search"><${N} name="search" size=${16} />
            <span class="sr-only">${n("inbox.search")}</span>
            <input ref=${q} type="search" placeholder=${n("inbox.search")+"  /"} value=${i.q||""}
              onKeyDown=${S=>{S.key==="Escape"&&S.target.blur()}}
              onChange=${S=>P("q",S.target.value)} /></label>
          <button class=${"btn icon ghost"+(E?" on":"")}
            aria-expanded=${E} aria-label=${n("inbox.filters")}
            title=${n("inbox.filters")}
            onClick=${()=>w(!E)}>
            <${N} name="filter" size=${16} /></button>
        </div>
        ${E&&l`<${sa} f=${i} setF=${P}
          tab=${s} />`}
      </header>
      ${k.size>0&&l`<${oa} ids=${[...k]}
        done=${()=>{D(new Set),Y(!1),V()}}
        all=${()=>D(new Set(r.map(S=>S.id)))} />`}
      <ul class="conv-list" aria-label=${n("inbox.list")}>
        ${r.map(S=>l`<${aa} key=${S.id} c=${S}
          active=${S.id===e} checked=${k.has(S.id)}
          onOpen=${()=>fe(S.id)} onCheck=${()=>g(S.id)} />`)}
      </ul>
      ${u&&l`<div ref=${x} class="sentinel">
        ${n("common.loading")}</div>`}
      ${!f&&!r.length&&(p?l`<${ee} title=${n("inbox.unavailable")}
            text=${n("inbox.unavailable.text")} />`:l`<${ee} title=${n("inbox.empty")}
            text=${n("inbox.empty.text")} />`)}
    </section>
    <section class="thread-pane" aria-label=${n("inbox.thread")}>
      ${e?l`<${Pn} key=${e} id=${e} summary=${Z}
          onBack=${()=>fe(null)}
          onToggleContact=${()=>_(!A)}
          onChanged=${S=>ye(S)} />`:l`<${ee} title=${n("inbox.pick")}
            text=${n("inbox.pick.text")} />`}
    </section>
    ${e&&l`<aside class="contact-pane" aria-label=${n("contact.pane")}>
      <${Ln} key=${e} conversationId=${e}
        contactId=${Z&&Z.contact&&Z.contact.id}
        summary=${Z&&Z.contact}
        onClose=${()=>_(!1)} />
      <${Un} key=${"auto"+e} id=${e} /></aside>`}
    ${z&&l`<${Nn} onClose=${()=>T(!1)} />`}
  </div>`}function sa({f:e,setF:t,tab:s}){let a=H(),i=(o,r,c)=>l`<label class="filter">
    <span>${r}</span>
    <select value=${e[o]||""} onChange=${u=>t(o,u.target.value)}>
      ${c.map(([u,d])=>l`<option value=${u}>${d}</option>`)}
    </select></label>`;return l`<div class="filters">
    ${i("status",n("f.status"),[["",n("f.any")],...["open","pending","snoozed","resolved","all"].map(o=>[o,n("status."+o)])])}
    ${i("sort",n("f.sort"),[["last_activity",n("sort.last_activity")],["waiting",n("sort.waiting")],["priority",n("sort.priority")]])}
    ${i("priority",n("f.priority"),[["",n("f.any")],...ie.map((o,r)=>[String(r),n("prio."+o)])])}
    ${a.inboxes.length>0&&i("inbox_id",n("f.inbox"),[["",n("f.any")],...a.inboxes.map(o=>[String(o.id),o.name])])}
    ${i("team_id",n("f.team"),[["",n("f.any")],...a.teams.map(o=>[String(o.id),o.name])])}
    ${a.labels.length>0&&i("label",n("f.label"),[["",n("f.any")],...a.labels.map(o=>[o.name,o.name])])}
    ${s==="all"&&i("assignee",n("f.assignee"),[["",n("f.any")],["me",n("tab.mine")],["unassigned",n("tab.unassigned")],...a.users.map(o=>[String(o.id),o.name||o.email])])}
  </div>`}function aa({c:e,active:t,checked:s,onOpen:a,onCheck:i}){let o=e.contact&&(e.contact.name||e.contact.phone||e.contact.wa_id)||n("contact.unknown"),r=e.last_message;return l`<li aria-current=${t?"true":void 0}
    class=${"conv"+(t?" active":"")+(e.unread_count?" unread":"")+(s?" checked":"")}>
    <input type="checkbox" class="conv-check" checked=${s}
      onChange=${i} aria-label=${n("inbox.select",{name:o})} />
    <button class="conv-main" onClick=${a}>
      <${Te} name=${o} size=${36} />
      <span class="conv-text">
        <span class="conv-top"><bdi class="conv-name">${o}</bdi>
          <${Tn} value=${e.priority} />
          <time class="conv-time">${pe(e.last_message_at)}</time>
        </span>
        <span class="conv-bottom">
          <bdi class="conv-preview">${r?(r.direction==="out"?n("inbox.you")+": ":"")+Nt(r):""}</bdi>
          ${e.unread_count>0&&l`<span class="badge"
            aria-label=${n("inbox.unread",{n:e.unread_count})}>
            ${e.unread_count}</span>`}
        </span>
        ${e.labels&&e.labels.length>0&&l`<span class="conv-labels">
          ${e.labels.slice(0,3).map(c=>l`<${_e} key=${c.id}
            label=${c} />`)}</span>`}
      </span>
    </button>
  </li>`}function oa({ids:e,done:t,all:s}){let a=H();async function i(r){try{await O("/api/v1/conversations/bulk",{ids:e,...r}),C(n("bulk.done",{n:e.length})),t()}catch(c){C(c.message,{kind:"error"})}}let o=(r,c,u)=>l`<select aria-label=${r}
    onChange=${d=>{d.target.value!==""&&u(d.target.value),d.target.value=""}}>
    <option value="">${r}</option>
    ${c.map(([d,f])=>l`<option value=${d}>${f}</option>`)}
  </select>`;return l`<div class="bulk-bar" role="toolbar"
    aria-label=${n("bulk.toolbar")}>
    <span class="bulk-count">${n("bulk.selected",{n:e.length})}</span>
    <button class="btn link" onClick=${s}>${n("bulk.all")}</button>
    ${o(n("action.assign"),[["0",n("tab.unassigned")],...a.users.map(r=>[String(r.id),r.name||r.email])],r=>i({assignee_id:Number(r)||null}))}
    ${o(n("action.team"),a.teams.map(r=>[String(r.id),r.name]),r=>i({team_id:Number(r)}))}
    ${o(n("action.status"),["open","pending","resolved"].map(r=>[r,n("status."+r)]),r=>i({status:r}))}
    ${o(n("action.priority"),ie.map((r,c)=>[String(c),n("prio."+r)]),r=>i({priority:Number(r)}))}
    ${a.labels.length>0&&o(n("action.label"),a.labels.map(r=>[String(r.id),r.name]),r=>i({add_labels:[Number(r)]}))}
  </div>`}function Bn({id:e}){let t=H(),[s,a]=h(""),[i,o]=h(""),[r,c]=h({key:"",value:""}),[u,d]=h([]),[f,m]=h(null),[p,$]=h(!1),[v,y]=h(new Set),[k,D]=h(!1),[A,_]=h(!1);async function z(w){try{let q=await L("/api/v1/contacts"+de({q:s,label:i,attribute:r.key&&r.value?r.key+":"+r.value:"",cursor:w?f:"",limit:50}));d(w?[...u,...q.data]:q.data),m(q.next_cursor||null)}catch(q){oe(q)?$(!0):C(q.message,{kind:"error"})}}M(()=>{z(!1)},[s,i,r.key,r.value]);let T=w=>y(q=>{let K=new Set(q);return K.has(w)?K.delete(w):K.add(w),K}),E=e&&u.find(w=>String(w.id)===String(e));return l`<div class="contacts-page">
    <section class="contacts-list">
      <header class="page-head"><h1>${n("nav.contacts")}</h1>
        <div class="head-actions">
          <a class="btn" href="/api/v1/contacts/export.csv" download>
            ${n("contacts.export")}</a>
          <button class="btn" onClick=${()=>_(!0)}>
            ${n("contacts.import")}</button>
          <button class="btn" disabled=${v.size<2}
            onClick=${()=>D(!0)}>${n("contacts.merge")}</button>
        </div></header>
      <div class="filters row">
        <label class="search grow"><${N} name="search" size=${16} />
          <span class="sr-only">${n("contacts.search")}</span>
          <input type="search" placeholder=${n("contacts.search")}
            value=${s} onChange=${w=>a(w.target.value)} /></label>
        ${t.labels.length>0&&l`<select aria-label=${n("f.label")}
          value=${i} onChange=${w=>o(w.target.value)}>
          <option value="">${n("f.label")}: ${n("f.any")}</option>
          ${t.labels.map(w=>l`<option value=${w.name}>${w.name}
          </option>`)}</select>`}
        ${t.attributes.length>0&&l`<select aria-label=${n("contacts.attribute")} value=${r.key} onChange=${w=>c({...r,key:w.target.value})}>
          <option value="">${n("contacts.attribute")}</option>
          ${t.attributes.map(w=>l`<option value=${w.key}>${w.name||w.key}</option>`)}</select>
          <input aria-label=${n("contacts.attr_value")} value=${r.value}
            placeholder=${n("contacts.attr_value")}
            onChange=${w=>c({...r,value:w.target.value})}
            />`}
      </div>
      ${p?l`<${ee} title=${n("contacts.unavailable")} />`:u.length===0?l`<${ee} title=${n("contacts.empty")} />`:l`<table class="table">
        <thead><tr><th class="narrow"><span class="sr-only">
          ${n("common.select")}</span></th><th>${n("contact.name")}</th>
          <th>${n("contact.phone")}</th><th class="hide-sm">
          ${n("contact.labels")}</th><th class="hide-sm">
          ${n("contacts.last_seen")}</th></tr></thead>
        <tbody>${u.map(w=>l`<tr key=${w.id}
          class=${String(w.id)===String(e)?"active":""}>
          <td><input type="checkbox" checked=${v.has(w.id)}
            aria-label=${n("inbox.select",{name:w.name||w.phone})}
            onChange=${()=>T(w.id)} /></td>
          <td><a href=${"/contacts/"+w.id} onClick=${q=>{q.preventDefault(),se("/contacts/"+w.id)}}
            class="row-link"><${Te} name=${w.name||w.phone}
            size=${24} /><bdi>${w.name||"\u2014"}</bdi></a></td>
          <td>${w.phone||w.wa_id}</td>
          <td class="hide-sm">${(w.labels||[]).map(q=>l`<${_e}
            key=${q.id} label=${q} />`)}</td>
          <td class="hide-sm">${pe(w.last_seen_at||w.updated_at)}
          </td></tr>`)}</tbody></table>`}
      ${f&&l`<button class="btn wide" onClick=${()=>z(!0)}>
        ${n("common.more")}</button>`}
    </section>
    ${e&&l`<aside class="contact-side">
      <${ia} id=${e} initial=${E}
        onClose=${()=>se("/contacts")}
        onSaved=${w=>d(u.map(q=>q.id===w.id?{...q,...w}:q))} /></aside>`}
    ${k&&l`<${ra} rows=${u.filter(w=>v.has(w.id))}
      onClose=${()=>D(!1)} onDone=${()=>{D(!1),y(new Set),z(!1)}} />`}
    ${A&&l`<${la} onClose=${()=>_(!1)}
      onDone=${()=>z(!1)} />`}
  </div>`}function ia({id:e,initial:t,onClose:s,onSaved:a}){let i=H(),[o,r]=h(t||null);M(()=>{L("/api/v1/contacts/"+e).then(d=>r(d.data||d)).catch(d=>C(d.message,{kind:"error"}))},[e]);async function c(d){try{let f=await ae("/api/v1/contacts/"+e,d),m={...o,...d,...f&&(f.data||f)};r(m),a(m),C(n("common.saved"))}catch(f){C(f.message,{kind:"error"})}}if(!o)return l`<p class="muted">${n("common.loading")}</p>`;let u=o.attributes||{};return l`<div class="contact">
    <header class="contact-head"><${Te} name=${o.name||o.phone}
      size=${40} /><h3><bdi>${o.name||o.phone}</bdi></h3>
      <button class="btn icon ghost" onClick=${s}
        aria-label=${n("common.close")}><${N} name="x" /></button>
    </header>
    <section class="contact-sec">
      <${ve} label=${n("contact.name")} value=${o.name}
        onSave=${d=>c({name:d})} />
      <${ve} label=${n("contact.phone")} value=${o.phone}
        onSave=${d=>c({phone:d})} type="tel" />
      <${ve} label=${n("contact.email")} value=${o.email}
        onSave=${d=>c({email:d})} type="email" />
      ${i.attributes.map(d=>l`<${ve} key=${d.key}
        label=${d.name||d.key} value=${u[d.key]==null?"":String(u[d.key])}
        onSave=${f=>c({attributes:{...u,[d.key]:f}})} />`)}
    </section></div>`}function ra({rows:e,onClose:t,onDone:s}){let[a,i]=h(e[0]&&e[0].id);async function o(){try{await O("/api/v1/contacts/merge",{primary_id:a,duplicate_ids:e.map(r=>r.id).filter(r=>r!==a)}),C(n("contacts.merged")),s()}catch(r){C(r.message,{kind:"error"})}}return l`<${Q} title=${n("contacts.merge")} onClose=${t}>
    <p>${n("contacts.merge.text")}</p>
    <fieldset class="stack">${e.map(r=>l`<label class="radio"
      key=${r.id}><input type="radio" name="keep" checked=${a===r.id}
      onChange=${()=>i(r.id)} /><bdi>${r.name||"\u2014"}</bdi>
      <span class="muted">${r.phone||r.wa_id}</span></label>`)}
    </fieldset>
    <button class="btn primary" onClick=${o}>${n("contacts.merge.go",{n:We(e.length)})}</button></${Q}>`}function la({onClose:e,onDone:t}){let[s,a]=h(null),[i,o]=h(null);async function r(){try{let c=await Ie("POST","/api/v1/contacts/import",await s.text(),{"Content-Type":"text/csv"});o(c&&(c.data||c)||{}),t()}catch(c){C(c.message,{kind:"error"})}}return l`<${Q} title=${n("contacts.import")} onClose=${e}>
    <p>${n("contacts.import.text")}</p>
    <input type="file" accept=".csv,text/csv" aria-label=${n("contacts.import.file")}
      onChange=${c=>a(c.target.files[0]||null)} />
    ${i&&l`<p role="status">${n("contacts.import.result",{created:We(i.created||0),updated:We(i.updated||0),failed:We((i.errors||[]).length||i.failed||0)})}</p>`}
    <button class="btn primary" disabled=${!s} onClick=${r}>
      ${n("contacts.import")}</button></${Q}>`}var ca=["message.received","conversation.created","conversation.opened","conversation.resolved","conversation.assigned","conversation.priority_changed","time.no_agent_reply","time.customer_waiting","time.window_closing","time.idle","sla.at_risk","sla.breached"],me=["equals","not_equals","contains","not_contains","starts_with","matches","keywords","in","is_set","not_set"],mt=["equals","not_equals","in","gt","lt","is_set","not_set"],Jn={text:me,type:me,reply_id:me,intent:me,language:me,sentiment:me,status:me,flow_step:me,"contact.name":me,"contact.phone":me,inbox_id:mt,team_id:mt,assignee_id:mt,priority:mt,first_message:["is"],business_hours:["is"],label:["has","not_has"]},ua=["inbox_id","team_id","assignee_id","priority"],Lt=["keywords","in"],Zn=["is_set","not_set"],da=["reply","template","buttons","list","assign","unassign","set_priority","add_label","remove_label","set_attribute","note","snooze","resolve","reopen","webhook","csat","set_step","apply_sla"],Vn=e=>Jn[e]||(e.startsWith("contact."),me);function Rt(e){if(!e||typeof e!="object"||Object.keys(e).length===0)return{mode:"all",items:[]};if(e.all||e.any)return{mode:e.all?"all":"any",items:(e.all||e.any).map(Rt)};if(e.not){let s=Rt(e.not);return s.items?{mode:"none",items:s.items}:{mode:"none",items:[s]}}let t=e.value;return{field:e.field||"text",op:e.op||"equals",value:Array.isArray(t)?t.join(", "):t==null?"":String(t)}}function pa(e){let t=ua.includes(e.field);if(e.op==="is")return e.value==="true"||e.value===!0;if(Lt.includes(e.op)){let s=String(e.value).split(",").map(a=>a.trim()).filter(Boolean);return t?s.map(Number):s}return t?Number(e.value):String(e.value)}function Gn(e,t=!0){if(!e.items){let a={field:e.field,op:e.op};return Zn.includes(e.op)||(a.value=pa(e)),a}if(t&&e.items.length===0)return{};let s=e.items.map(a=>Gn(a,!1));return e.mode==="none"?{not:{any:s}}:{[e.mode]:s}}var Kn=e=>String(e||"").split(`
`).map(t=>t.trim()).filter(Boolean);function Qn(e){let t={...e};return e.type==="template"&&(t.params=(e.params||[]).join(", ")),e.type==="buttons"&&(t.buttons=(e.buttons||[]).map(s=>`${s.id} | ${s.title}`).join(`
`)),e.type==="list"&&(t.rows=(e.rows||[]).map(s=>[s.id,s.title,s.description].filter(a=>a!=null).join(" | ")).join(`
`)),e.type==="assign"&&(t.mode=e.user_id?"user":e.team_id?"team":"auto"),t}function ma(e){let t=s=>s.split("|").map(a=>a.trim());switch(e.type){case"reply":case"note":return{type:e.type,text:e.text||""};case"template":return{type:"template",name:e.name||"",language:e.language||"en",params:String(e.params||"").split(",").map(s=>s.trim()).filter(Boolean)};case"buttons":return{type:"buttons",text:e.text||"",buttons:Kn(e.buttons).map(s=>{let[a,i]=t(s);return{id:a,title:i||a}})};case"list":return{type:"list",text:e.text||"",button:e.button||"",rows:Kn(e.rows).map(s=>{let[a,i,o]=t(s);return o?{id:a,title:i||a,description:o}:{id:a,title:i||a}})};case"assign":return e.mode==="user"?{type:"assign",user_id:Number(e.user_id)}:e.mode==="team"?{type:"assign",team_id:Number(e.team_id)}:{type:"assign",auto:!0};case"set_priority":return{type:e.type,priority:Number(e.priority||0)};case"add_label":case"remove_label":return{type:e.type,label:e.label||""};case"set_attribute":return{type:e.type,key:e.key||"",value:e.value||""};case"snooze":return{type:e.type,minutes:Number(e.minutes||60)};case"webhook":return e.secret?{type:e.type,url:e.url||"",secret:e.secret}:{type:e.type,url:e.url||""};case"set_step":return{type:e.type,step:e.step||""};case"apply_sla":return{type:e.type,policy_id:Number(e.policy_id||0)};default:return{type:e.type}}}function Xn(e){let t={name:e.name.trim(),enabled:e.enabled,event:e.event,stop:e.stop,reply_period_s:Math.round(Number(e.reply_min||0)*60),conditions:Gn(e.cond),actions:e.actions.map(ma)};return t.event_minutes=e.event.startsWith("time.")?Number(e.event_minutes||0):0,t}function es(e){return{id:e.id,name:e.name||"",enabled:e.enabled!==!1,event:e.event||"message.received",stop:!!e.stop,event_minutes:e.event_minutes||0,reply_min:e.reply_period_s?e.reply_period_s/60:0,cond:Rt(e.conditions),actions:(e.actions||[]).map(Qn)}}var fa=()=>es({name:"",event:"message.received",conditions:{all:[{field:"text",op:"keywords",value:[]}]},actions:[{type:"reply",text:""}]});function ts(){let[e,t]=h(null),[s,a]=h(null),[i,o]=h(null);async function r(){try{t((await L("/api/v1/rules")).data||[])}catch($){C($.message,{kind:"error"}),t([])}}M(()=>{r()},[]);async function c($){t($);try{let v=await O("/api/v1/rules/reorder",{ids:$.map(y=>y.id)});v&&v.data&&t(v.data)}catch(v){C(v.message,{kind:"error"}),r()}}let u=($,v)=>{let y=$+v;if(y<0||y>=e.length)return;let k=e.slice();[k[$],k[y]]=[k[y],k[$]],c(k)},d=$=>{if(i==null||i===$)return;let v=e.slice(),[y]=v.splice(i,1);v.splice($,0,y),o(null),c(v)};async function f($,v){try{let y=await ae("/api/v1/rules/"+$.id,{[v]:!$[v]});t(e.map(k=>k.id===$.id?{...k,...y||{},[v]:!$[v]}:k))}catch(y){C(y.message,{kind:"error"})}}async function m($){if(confirm(n("common.confirm_delete",{name:$.name})))try{await ue("/api/v1/rules/"+$.id),s&&s.id===$.id&&a(null),r()}catch(v){C(v.message,{kind:"error"})}}async function p($){try{let v=Xn($);$.id?await ae("/api/v1/rules/"+$.id,v):await O("/api/v1/rules",v),C(n("common.saved")),a(null),r()}catch(v){C(v.message,{kind:"error",timeout:8e3})}}return l`<div class="rules-page">
    <header class="page-head"><h2>${n("settings.rules")}</h2>
      <button class="btn primary" onClick=${()=>a(fa())}>
        ${n("rules.new")}</button></header>
    <p class="muted">${n("rules.intro")}</p>
    <div class="rules-grid">
      <div class="rules-main">
        ${e===null?l`<p class="muted">${n("common.loading")}</p>`:e.length===0?l`<${ee} title=${n("rules.none")} />`:l`<ol class="rule-list" aria-label=${n("rules.order")}>
            ${e.map(($,v)=>l`<${$a} key=${$.id} r=${$} i=${v}
              last=${v===e.length-1} move=${u} flip=${f}
              edit=${()=>a(es($))} remove=${m}
              editing=${s&&s.id===$.id}
              onDragStart=${()=>o(v)} onDrop=${()=>d(v)}
              />`)}</ol>`}
        ${s&&l`<${ha} key=${s.id||"new"} draft=${s}
          setDraft=${a} onSave=${p}
          onCancel=${()=>a(null)} />`}
      </div>
      <${va} rules=${e||[]} draft=${s} />
    </div>
  </div>`}function $a({r:e,i:t,last:s,move:a,flip:i,edit:o,remove:r,editing:c,onDragStart:u,onDrop:d}){return l`<li class=${"rule-row"+(e.enabled?"":" off")+(c?" editing":"")} draggable="true"
    onDragStart=${f=>{f.dataTransfer.effectAllowed="move",f.dataTransfer.setData("text/plain",String(e.id)),u()}}
    onDragOver=${f=>f.preventDefault()}
    onDrop=${f=>{f.preventDefault(),d()}}>
    <span class="grip" aria-hidden="true">⋮⋮</span>
    <span class="rule-pos">${t+1}</span>
    <div class="rule-info">
      <strong><bdi>${e.name}</bdi></strong>
      <span class="muted">${n("event."+e.event)}${e.event_minutes?" \xB7 "+n("rules.after_min",{n:e.event_minutes}):""}
        · ${n("rules.n_actions",{n:(e.actions||[]).length})}</span>
    </div>
    <label class="check small"><input type="checkbox" checked=${e.enabled}
      onChange=${()=>i(e,"enabled")} />${n("rules.enabled")}</label>
    <label class="check small" title=${n("rules.stop_help")}><input
      type="checkbox" checked=${e.stop} onChange=${()=>i(e,"stop")} />
      ${n("rules.stop")}</label>
    <span class="rule-btns">
      <button class="btn small icon" disabled=${t===0}
        aria-label=${n("rules.up",{name:e.name})}
        onClick=${()=>a(t,-1)}>↑</button>
      <button class="btn small icon" disabled=${s}
        aria-label=${n("rules.down",{name:e.name})}
        onClick=${()=>a(t,1)}>↓</button>
      <button class="btn small" onClick=${o}>${n("common.edit")}</button>
      <button class="btn small danger" onClick=${()=>r(e)}>
        ${n("common.delete")}</button>
    </span>
  </li>`}function ha({draft:e,setDraft:t,onSave:s,onCancel:a}){let i=e,o=(c,u)=>t({...i,[c]:u});return l`<form class="rule-editor" onSubmit=${c=>{c.preventDefault(),s(i)}}
    aria-label=${n("rules.editor")}>
    <h3>${i.id?n("rules.edit"):n("rules.new")}</h3>
    <div class="row-fields">
      <label class="grow">${n("f.name")}<input name="rule-name"
        value=${i.name} required onInput=${c=>o("name",c.target.value)} /></label>
      <label>${n("rules.event")}<select value=${i.event}
        onChange=${c=>o("event",c.target.value)}>
        ${ca.map(c=>l`<option value=${c}>${n("event."+c)}
        </option>`)}</select></label>
      ${i.event.startsWith("time.")&&l`<label>${n("rules.minutes")}
        <input type="number" min="1" max="43200" required
          value=${i.event_minutes} onInput=${c=>o("event_minutes",c.target.value)} /></label>`}
    </div>
    <fieldset class="cond-root"><legend>${n("rules.conditions")}</legend>
      <${ns} g=${i.cond} root onChange=${c=>o("cond",c)} />
    </fieldset>
    <fieldset class="act-list"><legend>${n("rules.actions")}</legend>
      ${i.actions.map((c,u)=>l`<${_a} key=${u} a=${c} i=${u}
        onChange=${d=>o("actions",i.actions.map((f,m)=>m===u?d:f))}
        onRemove=${()=>o("actions",i.actions.filter((d,f)=>f!==u))} />`)}
      <button type="button" class="btn small" onClick=${()=>o("actions",[...i.actions,{type:"reply",text:""}])}>
        + ${n("rules.add_action")}</button>
    </fieldset>
    <div class="row-fields">
      <label>${n("rules.reply_period")}<input type="number" min="0"
        value=${i.reply_min} onInput=${c=>o("reply_min",c.target.value)} /></label>
      <label class="check"><input type="checkbox" checked=${i.stop}
        onChange=${c=>o("stop",c.target.checked)} />
        ${n("rules.stop_help")}</label>
      <label class="check"><input type="checkbox" checked=${i.enabled}
        onChange=${c=>o("enabled",c.target.checked)} />
        ${n("rules.enabled")}</label>
    </div>
    <div class="editor-btns">
      <button class="btn primary" type="submit">${n("rules.save")}</button>
      <button class="btn" type="button" onClick=${a}>
        ${n("common.cancel")}</button>
    </div>
  </form>`}function ns({g:e,root:t,onChange:s}){let a=(o,r)=>s({...e,items:e.items.map((c,u)=>u===o?r:c)}),i=o=>s({...e,items:e.items.filter((r,c)=>c!==o)});return l`<div class=${"cond-group"+(t?" root":"")}>
    <label class="inline">${n("rules.match")}<select value=${e.mode}
      onChange=${o=>s({...e,mode:o.target.value})}>
      ${["all","any","none"].map(o=>l`<option value=${o}>
        ${n("rules.mode."+o)}</option>`)}</select></label>
    ${e.items.length===0&&l`<p class="muted small">
      ${n("rules.always")}</p>`}
    ${e.items.map((o,r)=>o.items?l`<div class="cond-nested" key=${r}><${ns} g=${o}
          onChange=${c=>a(r,c)} />
          <button type="button" class="btn small danger"
            onClick=${()=>i(r)}>${n("rules.remove_group")}</button></div>`:l`<${ga} key=${r} l=${o} onChange=${c=>a(r,c)}
          onRemove=${()=>i(r)} />`)}
    <div class="cond-add">
      <button type="button" class="btn small" onClick=${()=>s({...e,items:[...e.items,{field:"text",op:"contains",value:""}]})}>+ ${n("rules.add_condition")}</button>
      ${t&&l`<button type="button" class="btn small"
        onClick=${()=>s({...e,items:[...e.items,{mode:"any",items:[]}]})}>+ ${n("rules.add_group")}</button>`}
    </div>
  </div>`}function ga({l:e,onChange:t,onRemove:s}){let a=H(),i=Object.keys(Jn),o=a.attributes.map(d=>"contact."+d.key),r=[...i,...o.filter(d=>!i.includes(d))];r.includes(e.field)||r.push(e.field);let c=Vn(e.field),u=d=>{let f=Vn(d);t({field:d,op:f.includes(e.op)?e.op:f[0],value:f[0]==="is"?"true":e.value})};return l`<div class="cond-leaf">
    <select aria-label=${n("rules.field")} value=${e.field}
      onChange=${d=>u(d.target.value)}>
      ${r.map(d=>l`<option value=${d}>${n("field."+d)==="field."+d?d:n("field."+d)}</option>`)}</select>
    <select aria-label=${n("rules.operator")} value=${e.op}
      onChange=${d=>t({...e,op:d.target.value})}>
      ${c.map(d=>l`<option value=${d}>${n("op."+d)}</option>`)}
    </select>
    ${e.op==="is"?l`<select aria-label=${n("rules.value")}
        value=${String(e.value)} onChange=${d=>t({...e,value:d.target.value})}><option value="true">${n("common.yes")}
        </option><option value="false">${n("common.no")}</option></select>`:Zn.includes(e.op)?l`<span class="cond-novalue"></span>`:e.field==="priority"&&!Lt.includes(e.op)?l`<select aria-label=${n("rules.value")} value=${String(e.value||0)} onChange=${d=>t({...e,value:d.target.value})}>${ie.map((d,f)=>l`<option
          value=${String(f)}>${n("prio."+d)}</option>`)}</select>`:l`<input aria-label=${n("rules.value")} value=${e.value}
          placeholder=${Lt.includes(e.op)?n("rules.comma"):e.op==="matches"?n("rules.regex"):""}
          onInput=${d=>t({...e,value:d.target.value})} />`}
    <button type="button" class="btn small icon ghost"
      aria-label=${n("rules.remove_condition")} onClick=${s}>×</button>
  </div>`}function _a({a:e,i:t,onChange:s,onRemove:a}){let i=H(),[o,r]=h([]);M(()=>{e.type==="apply_sla"&&L("/api/v1/sla-policies").then(p=>r(p.data||[])).catch(()=>{})},[e.type]);let c=(p,$)=>s({...e,[p]:$}),u=(p,$,v={})=>l`<label class="grow">${$}
    <input value=${e[p]??""} type=${v.type||"text"}
      required=${v.required} placeholder=${v.placeholder||""}
      onInput=${y=>c(p,y.target.value)} /></label>`,d=(p,$,v)=>l`<label class="grow">${$}
    <textarea rows="2" value=${e[p]??""} placeholder=${v||""}
      onInput=${y=>c(p,y.target.value)} /></label>`,f=(p,$,v)=>l`<label>${$}<select
    value=${String(e[p]??"")} onChange=${y=>c(p,y.target.value)}>
    ${v.map(([y,k])=>l`<option value=${String(y)}>${k}</option>`)}
    </select></label>`,m=null;switch(e.type){case"reply":case"note":m=d("text",n("act.f.text"),n("act.f.vars"));break;case"template":m=l`${u("name",n("f.name"))}
    ${u("language",n("f.language"),{placeholder:"en"})}
    ${u("params",n("act.f.params"),{placeholder:n("rules.comma")})}`;break;case"buttons":m=l`${d("text",n("act.f.text"))}
    ${d("buttons",n("act.f.buttons"),"yes | Yes")}`;break;case"list":m=l`${d("text",n("act.f.text"))}
    ${u("button",n("act.f.button"))}
    ${d("rows",n("act.f.rows"),"id | title | description")}`;break;case"assign":m=l`${f("mode",n("act.f.assign_to"),[["auto",n("act.f.auto")],["user",n("act.f.agent")],["team",n("act.f.team")]])}
    ${e.mode==="user"&&f("user_id",n("act.f.agent"),[["","\u2014"],...i.users.map(p=>[p.id,p.name||p.email])])}
    ${e.mode==="team"&&f("team_id",n("act.f.team"),[["","\u2014"],...i.teams.map(p=>[p.id,p.name])])}`;break;case"set_priority":m=f("priority",n("action.priority"),ie.map((p,$)=>[$,n("prio."+p)]));break;case"add_label":case"remove_label":m=u("label",n("act.f.label"),{required:!0});break;case"set_attribute":m=l`${u("key",n("f.key"))}
    ${u("value",n("act.f.value"))}`;break;case"snooze":m=u("minutes",n("rules.minutes"),{type:"number"});break;case"webhook":m=l`${u("url","URL",{type:"url",required:!0})} ${u("secret",n("act.f.secret"))}`;break;case"set_step":m=u("step",n("act.f.step"));break;case"apply_sla":m=f("policy_id",n("settings.sla"),[["","\u2014"],...o.map(p=>[p.id,p.name])]);break;default:break}return l`<div class="act-row">
    <label>${n("act.f.type",{n:t+1})}<select value=${e.type}
      onChange=${p=>s(Qn({type:p.target.value}))}>
      ${da.map(p=>l`<option value=${p}>${n("action.t."+p)}
      </option>`)}</select></label>
    ${m}
    <button type="button" class="btn small icon ghost act-x"
      aria-label=${n("rules.remove_action")} onClick=${a}>×</button>
  </div>`}function ba(e,t){let s=e.map(o=>({...o}));if(!t)return s;let a={...Xn(t),id:t.id||0},i=s.findIndex(o=>o.id===t.id);return t.id&&i>=0?s[i]={...s[i],...a}:s.push({...a,position:s.length}),s}function va({rules:e,draft:t}){let[s,a]=h({text:"",language:"",intent:"",flow_step:"",first_message:!1,business_hours:!0,event:"message.received"}),[i,o]=h(null),[r,c]=h(""),u=(m,p)=>a({...s,[m]:p});async function d(m){m.preventDefault(),c("");try{let p=await O("/api/v1/rules/test",{event:t?t.event:s.event,message:{text:s.text,type:"text",language:s.language||null,intent:s.intent||null},facts:{flow_step:s.flow_step,first_message:s.first_message,business_hours:s.business_hours,status:"open"},rules:ba(e,t)});o(p)}catch(p){o(null),c(p.message)}}let f=i?(i.rules||[]).filter(m=>m.matched):[];return l`<aside class="tester" aria-labelledby="tester-h">
    <h3 id="tester-h">${n("tester.title")}</h3>
    <p class="muted small">${t?n("tester.with_draft"):n("tester.stored")}</p>
    <form class="stack" onSubmit=${d}>
      <label>${n("tester.message")}<textarea rows="3" name="sample"
        value=${s.text} onInput=${m=>u("text",m.target.value)} />
      </label>
      <div class="row-fields">
        <label>${n("field.language")}<input value=${s.language} size="4"
          placeholder="en" onInput=${m=>u("language",m.target.value)} /></label>
        <label>${n("field.intent")}<input value=${s.intent} size="10"
          onInput=${m=>u("intent",m.target.value)} /></label>
      </div>
      <label>${n("field.flow_step")}<input value=${s.flow_step}
        onInput=${m=>u("flow_step",m.target.value)} /></label>
      <label class="check"><input type="checkbox" checked=${s.first_message}
        onChange=${m=>u("first_message",m.target.checked)} />
        ${n("field.first_message")}</label>
      <label class="check"><input type="checkbox"
        checked=${s.business_hours} onChange=${m=>u("business_hours",m.target.checked)} />${n("field.business_hours")}</label>
      <button class="btn primary" type="submit">${n("tester.run")}</button>
    </form>
    ${r&&l`<p class="form-error" role="alert">${r}</p>`}
    ${i&&l`<div class="tester-out" role="status">
      <h4>${n("tester.matched",{n:f.length})}</h4>
      <ul class="plain">${(i.rules||[]).map(m=>l`<li
        key=${m.rule_id} class=${m.matched?"hit":"miss"}>
        <span aria-hidden="true">${m.matched?"\u2713":"\xB7"}</span>
        <bdi>${m.name}</bdi>${m.matched?"":l` <span class="muted">
        ${n("tester.no_match")}</span>`}${m.suppressed&&l` <span
        class="muted">${n("tester.suppressed")}</span>`}</li>`)}</ul>
      <h4>${n("tester.would")}</h4>
      ${(i.actions||[]).length===0?l`<p class="muted">
        ${n("tester.nothing")}</p>`:l`<ol class="plain tester-acts">
        ${i.actions.map((m,p)=>l`<li key=${p}><strong>
          ${n("action.t."+m.action.type)}</strong> <span class="muted">
          ${m.rule}</span>${Yn(m.action)&&l`<div
          class="act-detail"><bdi>${Yn(m.action)}</bdi></div>`}
          </li>`)}</ol>`}
    </div>`}
  </aside>`}function Yn(e){return e.text?e.text:e.type==="set_priority"?n("prio."+ie[e.priority]):e.label?e.label:e.name?e.name:e.step!=null?e.step:e.url?e.url:""}var ss={agent:1,supervisor:2,administrator:3},ya=[["profile","agent"],["shortcuts","agent"],["labels","supervisor"],["canned","supervisor"],["rules","supervisor"],["sla","supervisor"],["hours","supervisor"],["assignment","supervisor"],["agents","administrator"],["teams","administrator"],["attributes","administrator"],["inboxes","administrator"],["tokens","administrator"]];function as({section:e}){let t=H(),s=ss[t.me.role]||1,a=ya.filter(([,o])=>ss[o]<=s),i=a.find(([o])=>o===e)?e:"profile";return l`<div class="settings">
    <nav class="settings-nav" aria-label=${n("nav.settings")}>
      <h1>${n("nav.settings")}</h1>
      ${a.map(([o])=>l`<a key=${o} href=${"/settings/"+o}
        onClick=${lt} class=${"snav"+(o===i?" active":"")}
        aria-current=${o===i?"page":void 0}>
        ${n("settings."+o)}</a>`)}
    </nav>
    <section class="settings-body">${ka(i)}</section>
  </div>`}function ka(e){switch(e){case"shortcuts":return l`<${Ca} />`;case"rules":return l`<${ts} />`;case"sla":return l`<${On} />`;case"hours":return l`<${Fn} />`;case"assignment":return l`<${Hn} />`;case"agents":return l`<${Ne} key="agents" path="/api/v1/users"
    title=${n("settings.agents")} store="users" fields=${[{key:"name",label:n("f.name"),required:!0},{key:"email",label:n("f.email"),type:"email",required:!0,createOnly:!0},{key:"role",label:n("f.role"),options:["agent","supervisor","administrator"].map(t=>[t,n("role."+t)])},{key:"password",label:n("f.password"),type:"password",createOnly:!0,required:!0},{key:"disabled",label:n("f.disabled"),type:"checkbox",editOnly:!0}]} columns=${[["name",n("f.name")],["email",n("f.email")],["role",n("f.role"),t=>n("role."+t)],["disabled",n("f.state"),t=>t?n("f.disabled"):n("f.active")]]} noDelete />`;case"teams":return l`<${Ne} key="teams" path="/api/v1/teams"
    title=${n("settings.teams")} store="teams" fields=${[{key:"name",label:n("f.name"),required:!0},{key:"description",label:n("f.description")}]}
    columns=${[["name",n("f.name")],["description",n("f.description")],["member_count",n("f.members")]]} extra=${xa} />`;case"labels":return l`<${Ne} key="labels" path="/api/v1/labels"
    title=${n("settings.labels")} store="labels" fields=${[{key:"name",label:n("f.name"),required:!0},{key:"color",label:n("f.color"),type:"color"}]}
    columns=${[["name",n("f.name"),(t,s)=>l`<${_e} label=${s} />`]]}
    />`;case"canned":return l`<${Ne} key="canned"
    path="/api/v1/canned-replies" title=${n("settings.canned")}
    store="canned" fields=${[{key:"shortcut",label:n("f.shortcut"),required:!0},{key:"title",label:n("f.title"),required:!0},{key:"body",label:n("f.body"),type:"textarea",required:!0},{key:"intent",label:n("f.intent")}]}
    columns=${[["shortcut",n("f.shortcut"),t=>"/"+t],["title",n("f.title")],["intent",n("f.intent")]]} />`;case"attributes":return l`<${Ne} key="attributes"
    path="/api/v1/attributes" title=${n("settings.attributes")}
    store="attributes" fields=${[{key:"key",label:n("f.key"),required:!0,createOnly:!0},{key:"name",label:n("f.name"),required:!0},{key:"type",label:n("f.type"),options:["text","number","date","boolean","list"].map(t=>[t,t])}]}
    columns=${[["key",n("f.key")],["name",n("f.name")],["type",n("f.type")]]} />`;case"inboxes":return l`<${Ne} key="inboxes" path="/api/v1/inboxes"
    title=${n("settings.inboxes")} store="inboxes" fields=${[{key:"name",label:n("f.name"),required:!0}]}
    columns=${[["name",n("f.name")],["phone_number",n("f.phone")],["phone_number_id","phone_number_id"]]} noCreate />`;case"tokens":return l`<${Ne} key="tokens" path="/api/v1/tokens"
    title=${n("settings.tokens")} fields=${[{key:"name",label:n("f.name"),required:!0}]}
    columns=${[["name",n("f.name")],["prefix",n("f.prefix")],["created_at",n("f.created"),t=>pe(t)],["last_used_at",n("f.last_used"),t=>t?pe(t):"\u2014"]]}
    noEdit showSecret="token" />`;default:return l`<${Sa} />`}}function Ne({path:e,title:t,fields:s,columns:a,store:i,noCreate:o,noEdit:r,noDelete:c,extra:u,showSecret:d}){let[f,m]=h(null),[p,$]=h(null),[v,y]=h(!1),[k,D]=h("");async function A(){try{let T=await L(e+"?limit=200");m(T.data||[]),i&&X({[i]:T.data||[]})}catch(T){oe(T)?y(!0):C(T.message,{kind:"error"}),m([])}}M(()=>{A()},[e]);async function _(T){try{if(p.id)await ae(e+"/"+p.id,T);else{let E=await O(e,T);d&&E&&E[d]&&D(E[d])}$(null),C(n("common.saved")),A()}catch(E){C(E.message,{kind:"error"})}}async function z(T){if(confirm(n("common.confirm_delete",{name:T.name||T.id})))try{await ue(e+"/"+T.id),A()}catch(E){C(E.message,{kind:"error"})}}return v?l`<h2>${t}</h2><${ee}
    title=${n("settings.unavailable")} />`:l`<div>
    <header class="page-head"><h2>${t}</h2>
      ${!o&&l`<button class="btn primary"
        onClick=${()=>$({})}>${n("common.add")}</button>`}</header>
    ${k&&l`<div class="secret" role="alert"><p>
      ${n("tokens.once")}</p><code>${k}</code>
      <button class="btn small" onClick=${()=>D("")}>
        ${n("common.done")}</button></div>`}
    ${f===null?l`<p class="muted">${n("common.loading")}</p>`:f.length===0?l`<${ee} title=${n("settings.none")} />`:l`<table class="table"><thead><tr>
        ${a.map(([T,E])=>l`<th key=${T}>${E}</th>`)}
        <th class="narrow"><span class="sr-only">${n("common.actions")}
        </span></th></tr></thead>
        <tbody>${f.map(T=>l`<tr key=${T.id}>
          ${a.map(([E,,w])=>l`<td key=${E}>${w?w(T[E],T):T[E]==null?"\u2014":String(T[E])}</td>`)}
          <td class="row-actions">
            ${!r&&l`<button class="btn small"
              onClick=${()=>$(T)}>${n("common.edit")}</button>`}
            ${!c&&l`<button class="btn small danger"
              onClick=${()=>z(T)}>${r?n("tokens.revoke"):n("common.delete")}</button>`}
          </td></tr>`)}</tbody></table>`}
    ${p&&l`<${Q} title=${p.id?n("common.edit"):n("common.add")} onClose=${()=>$(null)}>
      <${wa} fields=${s.filter(T=>p.id?!T.createOnly:!T.editOnly)} initial=${p} onSubmit=${_} />
      ${u&&p.id&&l`<${u} row=${p} />`}
    </${Q}>`}
  </div>`}function wa({fields:e,initial:t,onSubmit:s}){let[a,i]=h(()=>Object.fromEntries(e.map(r=>[r.key,t[r.key]??(r.options?r.options[0][0]:r.type==="color"?"#4f46e5":r.type==="checkbox"?!1:"")])));return l`<form class="stack" onSubmit=${r=>{r.preventDefault();let c={};for(let u of e)t[u.key]!==a[u.key]&&(c[u.key]=a[u.key]);s(c)}}>
    ${e.map(r=>l`<label key=${r.key} class=${r.type==="checkbox"?"check":""}>${r.type!=="checkbox"&&r.label}
      ${r.options?l`<select value=${a[r.key]} onChange=${c=>i({...a,[r.key]:c.target.value})}>${r.options.map(([c,u])=>l`<option value=${c}>${u}</option>`)}</select>`:r.type==="textarea"?l`<textarea rows="4" value=${a[r.key]}
          required=${r.required} onInput=${c=>i({...a,[r.key]:c.target.value})} />`:r.type==="checkbox"?l`<input type="checkbox"
          checked=${a[r.key]} onChange=${c=>i({...a,[r.key]:c.target.checked})} /> ${r.label}`:l`<input type=${r.type||"text"} value=${a[r.key]}
          required=${r.required} onInput=${c=>i({...a,[r.key]:c.target.value})} />`}</label>`)}
    <button class="btn primary" type="submit">${n("common.save")}</button>
  </form>`}function xa({row:e}){let t=H(),[s,a]=h([]),i="/api/v1/teams/"+e.id+"/members",o=()=>L(i).then(c=>a((c.data||[]).map(u=>u.user_id||u.id))).catch(()=>{});M(()=>{o()},[e.id]);async function r(c,u){try{await(u?Pe:ue)(i+"/"+c),o()}catch(d){C(d.message,{kind:"error"})}}return l`<fieldset class="members"><legend>${n("f.members")}</legend>
    ${t.users.map(c=>l`<label class="check" key=${c.id}>
      <input type="checkbox" checked=${s.includes(c.id)}
        onChange=${u=>r(c.id,u.target.checked)} />
      ${c.name||c.email}</label>`)}</fieldset>`}function Sa(){let e=H(),[t,s]=h({name:e.me.name||"",locale:e.me.locale||"en",timezone:e.me.timezone||""}),[a,i]=h({current_password:"",new_password:""}),o=typeof Intl.supportedValuesOf=="function"?Intl.supportedValuesOf("timeZone"):[];async function r(u){u.preventDefault();try{let d={};for(let[p,$]of Object.entries(t))$!==""&&$!==(e.me[p]||"")&&(d[p]=$);let f=await ae("/api/v1/me",d),m=f&&(f.user||f)||{};X({me:{...e.me,...t,...m}}),je(t.locale,t.timezone),X({}),C(n("common.saved"))}catch(d){C(d.message,{kind:"error"})}}async function c(u){u.preventDefault();try{await ae("/api/v1/me",a),i({current_password:"",new_password:""}),C(n("profile.pw_changed"))}catch(d){C(d.message,{kind:"error"})}}return l`<div class="narrow-col">
    <h2>${n("settings.profile")}</h2>
    <form class="stack" onSubmit=${r}>
      <label>${n("f.name")}<input value=${t.name} onInput=${u=>s({...t,name:u.target.value})} /></label>
      <label>${n("f.language")}<select value=${t.locale} onChange=${u=>s({...t,locale:u.target.value})}>
        <option value="en">English</option><option value="ko">한국어</option>
      </select></label>
      <label>${n("f.timezone")}<input list="zones" value=${t.timezone}
        onInput=${u=>s({...t,timezone:u.target.value})} />
        <datalist id="zones">${o.map(u=>l`<option value=${u} />`)}
        </datalist></label>
      <button class="btn primary" type="submit">${n("common.save")}</button>
    </form>
    <h3>${n("profile.password")}</h3>
    <form class="stack" onSubmit=${c}>
      <label>${n("profile.current")}<input type="password"
        autocomplete="current-password" value=${a.current_password}
        onInput=${u=>i({...a,current_password:u.target.value})}
        /></label>
      <label>${n("profile.new")}<input type="password"
        autocomplete="new-password" value=${a.new_password}
        onInput=${u=>i({...a,new_password:u.target.value})} />
      </label>
      <button class="btn" type="submit" disabled=${!a.current_password||!a.new_password}>${n("profile.change")}</button>
    </form></div>`}function Ca(){let e=H(),[t,s]=h(""),[a,i]=h("");async function o(c){X({shortcuts:c});try{await Pe("/api/v1/me/shortcuts",{data:c})}catch{localStorage.setItem("parley.shortcuts",JSON.stringify(c))}}function r(c){if(["Control","Shift","Alt","Meta","Tab"].includes(c.key))return;c.preventDefault();let u=[];c.ctrlKey&&u.push("Ctrl"),c.altKey&&u.push("Alt"),c.shiftKey&&u.push("Shift"),c.metaKey&&u.push("Meta"),u.push(c.key.length===1?c.key.toUpperCase():c.key),s(u.join("+"))}return l`<div class="narrow-col"><h2>${n("settings.shortcuts")}</h2>
    <p class="muted">${n("shortcuts.text")}</p>
    <ul class="plain">${(e.shortcuts||[]).map((c,u)=>l`<li key=${u}>
      <kbd>${c.keys}</kbd> → ${(e.canned.find(d=>d.id===c.canned_id)||{}).title||"?"} <button class="btn small" onClick=${()=>o(e.shortcuts.filter((d,f)=>f!==u))}>${n("common.delete")}
      </button></li>`)}</ul>
    ${e.canned.length===0?l`<p class="muted">${n("shortcuts.nocanned")}
      </p>`:l`<form class="stack" onSubmit=${c=>{c.preventDefault(),t&&a&&o([...e.shortcuts||[],{keys:t,canned_id:Number(a)}]),s("")}}>
      <label>${n("shortcuts.keys")}<input value=${t} readonly
        onKeyDown=${r} placeholder=${n("shortcuts.press")} /></label>
      <label>${n("shortcuts.canned")}<select value=${a}
        onChange=${c=>i(c.target.value)}><option value="">—
        </option>${e.canned.map(c=>l`<option value=${String(c.id)}>
        ${c.title}</option>`)}</select></label>
      <button class="btn primary" type="submit" disabled=${!t||!a}>
        ${n("common.add")}</button></form>`}</div>`}async function os(){let e=c=>L(c).then(u=>u&&u.data||[]).catch(u=>oe(u)||u.status===403?[]:Promise.reject(u)),[t,s,a,i,o,r]=await Promise.all(["/api/v1/users?limit=200","/api/v1/teams?limit=200","/api/v1/labels","/api/v1/inboxes","/api/v1/canned-replies","/api/v1/attributes"].map(c=>e(c).catch(()=>[])));X({users:t,teams:s,labels:a,inboxes:i,canned:o,attributes:r}),L("/api/v1/me/shortcuts").then(c=>X({shortcuts:c&&c.data||c||[]})).catch(()=>X({shortcuts:JSON.parse(localStorage.getItem("parley.shortcuts")||"[]")}))}function is(e){gn(e.csrf_token),je(e.user.locale,e.user.timezone||e.account&&e.account.timezone),X({me:e.user,account:e.account||Se().account})}function Ta(e,t){let s=Se(),a=(i,o)=>i.some(r=>r.id===o.id)?i.map(r=>r.id===o.id?{...r,...o}:r):[...i,o];if(e.startsWith("team.")&&t&&t.id&&X({teams:e==="team.deleted"?s.teams.filter(i=>i.id!==t.id):a(s.teams,t.team||t)}),e.startsWith("user.")&&t&&t.id&&X({users:a(s.users,t.user||t)}),e==="presence"||e==="viewing"||e==="typing"){let i=t.conversation_id||0,o={...s.presence[i]||{}};o[t.user_id]={type:e,at:Date.now(),until:t.until,name:t.name},X({presence:{...s.presence,[i]:o}})}}function rs(){let e=H(),t=yn(),[s,a]=h(!0);return M(()=>{bn(()=>{X({me:null}),se("/login")}),L("/api/v1/me").then(async i=>{is(i),await os(),(t[0]==="login"||t.length===0)&&se("/inbox",{replace:!0})}).catch(()=>{je(navigator.language),t[0]!=="login"&&se("/login",{replace:!0})}).finally(()=>a(!1))},[]),M(()=>{if(e.me)return vn((i,o)=>{Ta(i,o),zn(i,o)},i=>X({online:i}))},[e.me&&e.me.id]),s?l`<div class="boot" aria-busy="true"></div>`:!e.me||t[0]==="login"?l`<${An} onDone=${async i=>{is(i),await os(),se("/inbox")}} />`:l`<${za} route=${t} />`}function qt({href:e,icon:t,label:s,active:a}){return l`<a href=${e} onClick=${lt} class=${"nav-link"+(a?" active":"")} aria-current=${a?"page":void 0}
    title=${s}><${N} name=${t} /><span>${s}</span></a>`}async function Aa(){try{await O("/api/v1/auth/logout")}catch{}X({me:null}),se("/login")}function za({route:e}){let t=H(),s=e[0]||"inbox",a;return s==="contacts"?a=l`<${Bn} id=${e[1]} />`:s==="settings"?a=l`<${as} section=${e[1]} />`:a=l`<${Wn} id=${e[1]?Number(e[1]):null} />`,l`<div class="shell">
    <nav class="rail" aria-label=${n("nav.main")}>
      <div class="brand" aria-hidden="true"><${N} name="logo" /></div>
      <${qt} href="/inbox" icon="inbox" label=${n("nav.inbox")}
        active=${s==="inbox"} />
      <${qt} href="/contacts" icon="contacts" label=${n("nav.contacts")}
        active=${s==="contacts"} />
      <${qt} href="/settings" icon="settings" label=${n("nav.settings")}
        active=${s==="settings"} />
      <div class="rail-end">
        <span class=${"conn "+(t.online?"on":"off")} role="status"
          title=${t.online?n("conn.live"):n("conn.offline")}>
          <span class="sr-only">${t.online?n("conn.live"):n("conn.offline")}</span></span>
        <button class="nav-link" onClick=${Aa} title=${n("nav.signout")}
          aria-label=${n("nav.signout")}><${N} name="logout" />
          <span>${n("nav.signout")}</span></button>
      </div>
    </nav>
    <main class="page">${a}</main>
    ${!t.online&&l`<div class="offline-bar" role="status">
      ${n("conn.reconnecting")}</div>`}
    <${Cn} />
  </div>`}en(l`<${rs} />`,document.getElementById("app"));"serviceWorker"in navigator&&location.protocol!=="file:"&&addEventListener("load",()=>{navigator.serviceWorker.register("/sw.js",{scope:"/"}).catch(()=>{})});
