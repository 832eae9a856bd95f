var We,U,Et,In,he,Mt,Pt,It,st,qe,Ee,At,rt,at,it,An,Oe={},je=[],Nn=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,Be=Array.isArray;function fe(e,t){for(var n in t)e[n]=t[n];return e}function lt(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function ct(e,t,n){var a,r,s,i={};for(s in t)s=="key"?a=t[s]:s=="ref"?r=t[s]:i[s]=t[s];if(arguments.length>2&&(i.children=arguments.length>3?We.call(arguments,2):n),typeof e=="function"&&e.defaultProps!=null)for(s in e.defaultProps)i[s]===void 0&&(i[s]=e.defaultProps[s]);return Fe(e,i,a,r,null)}function Fe(e,t,n,a,r){var s={type:e,props:t,key:n,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:r??++Et,__i:-1,__u:0};return r==null&&U.vnode!=null&&U.vnode(s),s}function Ve(e){return e.children}function Ue(e,t){this.props=e,this.context=t}function ye(e,t){if(t==null)return e.__?ye(e.__,e.__i+1):null;for(var n;t<e.__k.length;t++)if((n=e.__k[t])!=null&&n.__e!=null)return n.__e;return typeof e.type=="function"?ye(e):null}function Ln(e){if(e.__P&&e.__d){var t=e.__v,n=t.__e,a=[],r=[],s=fe({},t);s.__v=t.__v+1,U.vnode&&U.vnode(s),ut(e.__P,s,t,e.__n,e.__P.namespaceURI,32&t.__u?[n]:null,a,n??ye(t),!!(32&t.__u),r),s.__v=t.__v,s.__.__k[s.__i]=s,qt(a,s,r),t.__e=t.__=null,s.__e!=n&&Nt(s)}}function Nt(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),Nt(e)}function Tt(e){(!e.__d&&(e.__d=!0)&&he.push(e)&&!Ke.__r++||Mt!=U.debounceRendering)&&((Mt=U.debounceRendering)||Pt)(Ke)}function Ke(){try{for(var e,t=1;he.length;)he.length>t&&he.sort(It),e=he.shift(),t=he.length,Ln(e)}finally{he.length=Ke.__r=0}}function Lt(e,t,n,a,r,s,i,c,u,d,m){var x,p,_,v,E,z,T=a&&a.__k||je,S=t.length;for(u=Rn(n,t,T,u,S),x=0;x<S;x++)(_=n.__k[x])!=null&&(p=_.__i!=-1&&T[_.__i]||Oe,_.__i=x,z=ut(e,_,p,r,s,i,c,u,d,m),v=_.__e,_.ref&&p.ref!=_.ref&&(p.ref&&dt(p.ref,null,_),m.push(_.ref,_.__c||v,_)),E==null&&v!=null&&(E=v),4&_.__u?(u=Rt(_,u,e),p.__e&&(p.__e=null)):typeof _.type=="function"&&z!==void 0?u=z:v&&(u=v.nextSibling),_.__u&=-7);return n.__e=E,u}function Rn(e,t,n,a,r){var s,i,c,u,d,m=n.length,x=m,p=0;for(e.__k=new Array(r),s=0;s<r;s++)(i=t[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=e.__k[s]=Fe(null,i,null,null,null):Be(i)?i=e.__k[s]=Fe(Ve,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=e.__k[s]=Fe(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):e.__k[s]=i,u=s+p,i.__=e,i.__b=e.__b+1,c=null,(d=i.__i=Hn(i,n,u,x))!=-1&&(x--,(c=n[d])&&(c.__u|=2)),c==null||c.__v==null?(d==-1&&(r>m?p--:r<m&&p++),typeof i.type!="function"&&(i.__u|=4)):d!=u&&(d==u-1?p--:d==u+1?p++:(d>u?p--:p++,i.__u|=4))):e.__k[s]=null;if(x)for(s=0;s<m;s++)(c=n[s])!=null&&!(2&c.__u)&&(c.__e==a&&(a=ye(c)),Ut(c,c));return a}function Rt(e,t,n){var a,r;if(typeof e.type=="function"){for(a=e.__k,r=0;a&&r<a.length;r++)a[r]&&(a[r].__=e,t=Rt(a[r],t,n));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=ye(e)),t=n.insertBefore(e.__e,t||null));do t=t&&t.nextSibling;while(t!=null&&t.nodeType==8);return t}function Hn(e,t,n,a){var r,s,i,c=e.key,u=e.type,d=t[n],m=d!=null&&(2&d.__u)==0;if(d===null&&c==null||m&&c==d.key&&u==d.type)return n;if(a>(m?1:0)){for(r=n-1,s=n+1;r>=0||s<t.length;)if((d=t[i=r>=0?r--:s++])!=null&&!(2&d.__u)&&c==d.key&&u==d.type)return i}return-1}function zt(e,t,n){t[0]=="-"?e.setProperty(t,n??""):e[t]=n==null?"":typeof n!="number"||Nn.test(t)?n:n+"px"}function He(e,t,n,a,r){var s,i;e:if(t=="style")if(typeof n=="string")e.style.cssText=n;else{if(typeof a=="string"&&(e.style.cssText=a=""),a)for(t in a)n&&t in n||zt(e.style,t,"");if(n)for(t in n)a&&n[t]==a[t]||zt(e.style,t,n[t])}else if(t[0]=="o"&&t[1]=="n")s=t!=(t=t.replace(At,"$1")),i=t.toLowerCase(),t=i in e||t=="onFocusOut"||t=="onFocusIn"?i.slice(2):t.slice(2),e.l||(e.l={}),e.l[t+s]=n,n?a?n[Ee]=a[Ee]:(n[Ee]=rt,e.addEventListener(t,s?it:at,s)):e.removeEventListener(t,s?it:at,s);else{if(r=="http://www.w3.org/2000/svg")t=t.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(t!="width"&&t!="height"&&t!="href"&&t!="list"&&t!="form"&&t!="tabIndex"&&t!="download"&&t!="rowSpan"&&t!="colSpan"&&t!="role"&&t!="popover"&&t in e)try{e[t]=n??"";break e}catch{}typeof n=="function"||(n==null||n===!1&&t[4]!="-"?e.removeAttribute(t):e.setAttribute(t,t=="popover"&&n==1?"":n))}}function Dt(e){return function(t){if(this.l){var n=this.l[t.type+e];if(t[qe]==null)t[qe]=rt++;else if(t[qe]<n[Ee])return;return n(U.event?U.event(t):t)}}}function ut(e,t,n,a,r,s,i,c,u,d){var m,x,p,_,v,E,z,T,S,$,M,w,A,b,R,V,J=t.type;if(t.constructor!==void 0)return null;128&n.__u&&(u=!!(32&n.__u),s=[c=t.__e=n.__e]),(m=U.__b)&&m(t);e:if(typeof J=="function"){x=i.length;try{if(S=t.props,$=J.prototype&&J.prototype.render,M=(m=J.contextType)&&a[m.__c],w=m?M?M.props.value:m.__:a,n.__c?T=(p=t.__c=n.__c).__=p.__E:($?t.__c=p=new J(S,w):(t.__c=p=new Ue(S,w),p.constructor=J,p.render=Fn),M&&M.sub(p),p.state||(p.state={}),p.__n=a,_=p.__d=!0,p.__h=[],p._sb=[]),$&&p.__s==null&&(p.__s=p.state),$&&J.getDerivedStateFromProps!=null&&(p.__s==p.state&&(p.__s=fe({},p.__s)),fe(p.__s,J.getDerivedStateFromProps(S,p.__s))),v=p.props,E=p.state,p.__v=t,_)$&&J.getDerivedStateFromProps==null&&p.componentWillMount!=null&&p.componentWillMount(),$&&p.componentDidMount!=null&&p.__h.push(p.componentDidMount);else{if($&&J.getDerivedStateFromProps==null&&S!==v&&p.componentWillReceiveProps!=null&&p.componentWillReceiveProps(S,w),t.__v==n.__v||!p.__e&&p.shouldComponentUpdate!=null&&p.shouldComponentUpdate(S,p.__s,w)===!1){t.__v!=n.__v&&(p.props=S,p.state=p.__s,p.__d=!1),t.__e=n.__e,t.__k=n.__k,t.__k.some(function(B){B&&(B.__=t)}),je.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&i.push(p),c=ye(n);break e}p.componentWillUpdate!=null&&p.componentWillUpdate(S,p.__s,w),$&&p.componentDidUpdate!=null&&p.__h.push(function(){p.componentDidUpdate(v,E,z)})}if(p.context=w,p.props=S,p.__P=e,p.__e=!1,A=U.__r,b=0,$)p.state=p.__s,p.__d=!1,A&&A(t),m=p.render(p.props,p.state,p.context),je.push.apply(p.__h,p._sb),p._sb=[];else do p.__d=!1,A&&A(t),m=p.render(p.props,p.state,p.context),p.state=p.__s;while(p.__d&&++b<25);p.state=p.__s,p.getChildContext!=null&&(a=fe(fe({},a),p.getChildContext())),$&&!_&&p.getSnapshotBeforeUpdate!=null&&(z=p.getSnapshotBeforeUpdate(v,E)),R=m!=null&&m.type===Ve&&m.key==null?Ft(m.props.children):m,c=Lt(e,Be(R)?R:[R],t,n,a,r,s,i,c,u,d),p.base=t.__e,t.__u&=-161,p.__h.length&&i.push(p),T&&(p.__E=p.__=null)}catch(B){if(i.length=x,t.__v=null,u||s!=null){if(B.then){for(t.__u|=u?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;s!=null&&(s[s.indexOf(c)]=null),t.__e=c}else if(s!=null)for(V=s.length;V--;)lt(s[V])}else t.__e=n.__e;t.__k==null&&(t.__k=n.__k||[]),B.then||Ht(t),U.__e(B,t,n)}}else s==null&&t.__v==n.__v?(t.__k=n.__k,t.__e=n.__e):c=t.__e=qn(n.__e,t,n,a,r,s,i,u,d);return(m=U.diffed)&&m(t),128&t.__u?void 0:c}function Ht(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(Ht))}function qt(e,t,n){for(var a=0;a<n.length;a++)dt(n[a],n[++a],n[++a]);U.__c&&U.__c(t,e),e.some(function(r){try{e=r.__h,r.__h=[],e.some(function(s){s.call(r)})}catch(s){U.__e(s,r.__v)}})}function Ft(e){return typeof e!="object"||e==null||e.__b>0?e:Be(e)?e.map(Ft):e.constructor!==void 0?null:fe({},e)}function qn(e,t,n,a,r,s,i,c,u){var d,m,x,p,_,v,E,z=n.props||Oe,T=t.props,S=t.type;if(S=="svg"?r="http://www.w3.org/2000/svg":S=="math"?r="http://www.w3.org/1998/Math/MathML":r||(r="http://www.w3.org/1999/xhtml"),s!=null){for(d=0;d<s.length;d++)if((_=s[d])&&"setAttribute"in _==!!S&&(S?_.localName==S:_.nodeType==3)){e=_,s[d]=null;break}}if(e==null){if(S==null)return document.createTextNode(T);e=document.createElementNS(r,S,T.is&&T),c&&(U.__m&&U.__m(t,s),c=!1),s=null}if(S==null)z===T||c&&e.data==T||(e.data=T);else{if(s=S=="textarea"&&T.defaultValue!=null?null:s&&We.call(e.childNodes),!c&&s!=null)for(z={},d=0;d<e.attributes.length;d++)z[(_=e.attributes[d]).name]=_.value;for(d in z)_=z[d],d=="dangerouslySetInnerHTML"?x=_:d=="children"||d in T||d=="value"&&"defaultValue"in T||d=="checked"&&"defaultChecked"in T||He(e,d,null,_,r);for(d in T)_=T[d],d=="children"?p=_:d=="dangerouslySetInnerHTML"?m=_:d=="value"?v=_:d=="checked"?E=_:c&&typeof _!="function"||z[d]===_||He(e,d,_,z[d],r);if(m)c||x&&(m.__html==x.__html||m.__html==e.innerHTML)||(e.innerHTML=m.__html),t.__k=[];else if(x&&(e.innerHTML=""),Lt(t.type=="template"?e.content:e,Be(p)?p:[p],t,n,a,S=="foreignObject"?"http://www.w3.org/1999/xhtml":r,s,i,s?s[0]:n.__k&&ye(n,0),c,u),s!=null)for(d=s.length;d--;)lt(s[d]);c&&S!="textarea"||(d="value",S=="progress"&&v==null?e.removeAttribute("value"):v!=null&&(v!==e[d]||S=="progress"&&!v||S=="option"&&v!=z[d])&&He(e,d,v,z[d],r),d="checked",E!=null&&E!=e[d]&&He(e,d,E,z[d],r))}return e}function dt(e,t,n){try{if(typeof e=="function"){var a=typeof e.__u=="function";a&&e.__u(),a&&t==null||(e.__u=e(t))}else e.current=t}catch(r){U.__e(r,n)}}function Ut(e,t,n){var a,r;if(U.unmount&&U.unmount(e),(a=e.ref)&&(a.current&&a.current!=e.__e||dt(a,null,t)),(a=e.__c)!=null){if(a.componentWillUnmount)try{a.componentWillUnmount()}catch(s){U.__e(s,t)}a.base=a.__P=a.__n=null}if(a=e.__k)for(r=0;r<a.length;r++)a[r]&&Ut(a[r],t,n||typeof e.type!="function");n||lt(e.__e),e.__c=e.__=e.__e=void 0}function Fn(e,t,n){return this.constructor(e,n)}function Ot(e,t,n){var a,r,s,i;t==document&&(t=document.documentElement),U.__&&U.__(e,t),r=(a=typeof n=="function")?null:n&&n.__k||t.__k,s=[],i=[],ut(t,e=(!a&&n||t).__k=ct(Ve,null,[e]),r||Oe,Oe,t.namespaceURI,!a&&n?[n]:r?null:t.firstChild?We.call(t.childNodes):null,s,!a&&n?n:r?r.__e:t.firstChild,a,i),qt(s,e,i),e.props.children=null}We=je.slice,U={__e:function(e,t,n,a){for(var r,s,i;t=t.__;)if((r=t.__c)&&!r.__)try{if((s=r.constructor)&&s.getDerivedStateFromError!=null&&(r.setState(s.getDerivedStateFromError(e)),i=r.__d),r.componentDidCatch!=null&&(r.componentDidCatch(e,a||{}),i=r.__d),i)return r.__E=r}catch(c){e=c}throw e}},Et=0,In=function(e){return e!=null&&e.constructor===void 0},Ue.prototype.setState=function(e,t){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=fe({},this.state),typeof e=="function"&&(e=e(fe({},n),this.props)),e&&fe(n,e),e!=null&&this.__v&&(t&&this._sb.push(t),Tt(this))},Ue.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),Tt(this))},Ue.prototype.render=Ve,he=[],Pt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,It=function(e,t){return e.__v.__b-t.__v.__b},Ke.__r=0,st=Math.random().toString(8),qe="__d"+st,Ee="__a"+st,At=/(PointerCapture)$|Capture$/i,rt=0,at=Dt(!1),it=Dt(!0),An=0;var Kt=function(e,t,n,a){var r;t[0]=0;for(var s=1;s<t.length;s++){var i=t[s++],c=t[s]?(t[0]|=i?1:2,n[t[s++]]):t[++s];i===3?a[0]=c:i===4?a[1]=Object.assign(a[1]||{},c):i===5?(a[1]=a[1]||{})[t[++s]]=c:i===6?a[1][t[++s]]+=c+"":i?(r=e.apply(c,Kt(e,c,n,["",null])),a.push(r),c[0]?t[0]|=2:(t[s-2]=0,t[s]=r)):a.push(c)}return a},jt=new Map;function Wt(e){var t=jt.get(this);return t||(t=new Map,jt.set(this,t)),(t=Kt(this,t.get(e)||(t.set(e,t=function(n){for(var a,r,s=1,i="",c="",u=[0],d=function(p){s===1&&(p||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?u.push(0,p,i):s===3&&(p||i)?(u.push(3,p,i),s=2):s===2&&i==="..."&&p?u.push(4,p,0):s===2&&i&&!p?u.push(5,0,!0,i):s>=5&&((i||!p&&s===5)&&(u.push(s,0,i,r),s=6),p&&(u.push(s,p,0,r),s=6)),i=""},m=0;m<n.length;m++){m&&(s===1&&d(),d(m));for(var x=0;x<n[m].length;x++)a=n[m][x],s===1?a==="<"?(d(),u=[u],s=3):i+=a:s===4?i==="--"&&a===">"?(s=1,i=""):i=a+i[0]:c?a===c?c="":i+=a:a==='"'||a==="'"?c=a:a===">"?(d(),s=1):s&&(a==="="?(s=5,r=i,i=""):a==="/"&&(s<5||n[m][x+1]===">")?(d(),s===3&&(u=u[0]),s=u,(u=u[0]).push(2,0,s),s=0):a===" "||a==="	"||a===`
`||a==="\r"?(d(),s=2):i+=a),s===3&&i==="!--"&&(s=4,u=u[0])}return d(),u}(e)),t),arguments,[])).length>1?t:t[0]}var l=Wt.bind(ct);var Pe,Z,pt,Bt,Ie=0,en=[],Y=U,Vt=Y.__b,Jt=Y.__r,Zt=Y.diffed,Gt=Y.__c,Yt=Y.unmount,Qt=Y.__;function ft(e,t){Y.__h&&Y.__h(Z,e,Ie||t),Ie=0;var n=Z.__H||(Z.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function h(e){return Ie=1,Un(on,e)}function Un(e,t,n){var a=ft(Pe++,2);if(a.t=e,!a.__c&&(a.__=[n?n(t):on(void 0,t),function(c){var u=a.__N?a.__N[0]:a.__[0],d=a.t(u,c);u!==d&&(a.__N=[d,a.__[1]],a.__c.setState({}))}],a.__c=Z,!Z.__f)){var r=function(c,u,d){if(!a.__c.__H)return!0;var m=!1,x=a.__c.props!==c;if(a.__c.__H.__.some(function(_){if(_.__N){m=!0;var v=_.__[0];_.__=_.__N,_.__N=void 0,v!==_.__[0]&&(x=!0)}}),s){var p=s.call(this,c,u,d);return m?p||x:p}return!m||x};Z.__f=!0;var s=Z.shouldComponentUpdate,i=Z.componentWillUpdate;Z.componentWillUpdate=function(c,u,d){if(this.__e){var m=s;s=void 0,r(c,u,d),s=m}i&&i.call(this,c,u,d)},Z.shouldComponentUpdate=r}return a.__N||a.__}function P(e,t){var n=ft(Pe++,3);!Y.__s&&nn(n.__H,t)&&(n.__=e,n.u=t,Z.__H.__h.push(n))}function ee(e){return Ie=5,tn(function(){return{current:e}},[])}function tn(e,t){var n=ft(Pe++,7);return nn(n.__H,t)&&(n.__=e(),n.__H=t,n.__h=e),n.__}function $t(e,t){return Ie=8,tn(function(){return e},t)}function On(){for(var e;e=en.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(Je),t.__h.some(mt),t.__h=[]}catch(n){t.__h=[],Y.__e(n,e.__v)}}}Y.__b=function(e){Z=null,Vt&&Vt(e)},Y.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),Qt&&Qt(e,t)},Y.__r=function(e){Jt&&Jt(e),Pe=0;var t=(Z=e.__c).__H;t&&(pt===Z?(t.__h=[],Z.__h=[],t.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(t.__h.some(Je),t.__h.some(mt),t.__h=[],Pe=0)),pt=Z},Y.diffed=function(e){Zt&&Zt(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(en.push(t)!==1&&Bt===Y.requestAnimationFrame||((Bt=Y.requestAnimationFrame)||jn)(On)),t.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),pt=Z=null},Y.__c=function(e,t){t.some(function(n){try{n.__h.some(Je),n.__h=n.__h.filter(function(a){return!a.__||mt(a)})}catch(a){t.some(function(r){r.__h&&(r.__h=[])}),t=[],Y.__e(a,n.__v)}}),Gt&&Gt(e,t)},Y.unmount=function(e){Yt&&Yt(e);var t,n=e.__c;n&&n.__H&&(n.__H.__.some(function(a){try{Je(a)}catch(r){t=r}}),n.__H=void 0,t&&Y.__e(t,n.__v))};var Xt=typeof requestAnimationFrame=="function";function jn(e){var t,n=function(){clearTimeout(a),Xt&&cancelAnimationFrame(t),setTimeout(e)},a=setTimeout(n,35);Xt&&(t=requestAnimationFrame(n))}function Je(e){var t=Z,n=e.__c;typeof n=="function"&&(e.__c=void 0,n()),Z=t}function mt(e){var t=Z;e.__c=e.__(),Z=t}function nn(e,t){return!e||e.length!==t.length||t.some(function(n,a){return n!==e[a]})}function on(e,t){return typeof t=="function"?t(e):t}var gt="",sn=e=>{gt=e||""},ke=class extends Error{constructor(t,n,a,r){super(a||n),this.status=t,this.code=n,this.retryAfter=r}},an=()=>{},rn=e=>{an=e};async function we(e,t,n,a={}){let r={Accept:"application/json",...a},s;n instanceof FormData||typeof n=="string"?s=n:n!==void 0&&(s=JSON.stringify(n),r["Content-Type"]="application/json"),e!=="GET"&&gt&&(r["X-CSRF-Token"]=gt);let i;try{i=await fetch(t,{method:e,headers:r,body:s,credentials:"same-origin"})}catch{throw new ke(0,"network","cannot reach the server")}let c=await i.text(),u=null;try{u=c?JSON.parse(c):null}catch{u=null}if(!i.ok){let d=u&&u.error||{},m=new ke(i.status,d.code||(i.status>=500?"unavailable":"http_"+i.status),d.message||i.statusText,i.headers.get("Retry-After"));throw i.status===401&&!t.startsWith("/api/v1/auth/")&&an(m),m}return u}var O=e=>we("GET",e),K=(e,t,n)=>we("POST",e,t===void 0?{}:t,n),ce=(e,t)=>we("PATCH",e,t),_t=(e,t)=>we("PUT",e,t),xe=e=>we("DELETE",e);function ae(e){let t=new URLSearchParams;for(let[a,r]of Object.entries(e))r!=null&&r!==""&&t.set(a,r);let n=t.toString();return n?"?"+n:""}var ue=e=>e instanceof ke&&(e.code==="route_not_found"||e.code==="method_not_allowed"),Kn=["message.created","message.updated","conversation.created","conversation.updated","presence","typing","viewing","team.created","team.updated","team.deleted","user.created","user.updated","user.deleted","contact.updated","label.created","label.updated"];function ln(e,t=()=>{}){let n=new EventSource("/api/v1/events"),a=r=>{let s=null;try{s=JSON.parse(r.data)}catch{return}e(r.type,s)};for(let r of Kn)n.addEventListener(r,a);return n.onmessage=a,n.onopen=()=>t(!0),n.onerror=()=>t(!1),()=>n.close()}var Se={me:null,account:null,users:[],teams:[],labels:[],inboxes:[],canned:[],attributes:[],online:!0,toasts:[],presence:{},shortcuts:[]},ht=new Set,be=()=>Se;function X(e){Object.assign(Se,typeof e=="function"?e(Se):e);for(let t of ht)t()}function W(){let[,e]=h(0);return P(()=>{let t=()=>e(n=>n+1);return ht.add(t),()=>ht.delete(t)},[]),Se}var Wn=0;function D(e,t={}){let n=++Wn;X({toasts:[...Se.toasts,{id:n,text:e,...t}]});let a=t.timeout??4e3;return a>0&&setTimeout(()=>Ze(n),a),n}function Ze(e){X({toasts:Se.toasts.filter(t=>t.id!==e)})}var Ge=e=>{let t=Se.users.find(n=>n.id===e);return t?t.name||t.email:""};var Ye=new Set;function ne(e,{replace:t=!1}={}){if(e!==location.pathname+location.search){history[t?"replaceState":"pushState"](null,"",e);for(let n of Ye)n()}}addEventListener("popstate",()=>{for(let e of Ye)e()});function cn(){let[e,t]=h(location.pathname);return P(()=>{let n=()=>t(location.pathname);return Ye.add(n),()=>Ye.delete(n)},[]),e.split("/").filter(Boolean)}function Qe(e){e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||(e.preventDefault(),ne(e.currentTarget.getAttribute("href")))}var bt={"nav.main":"Main","nav.inbox":"Inbox","nav.contacts":"Contacts","nav.settings":"Settings","nav.signout":"Sign out","conn.live":"Live","conn.offline":"Offline","conn.reconnecting":"Connection lost. Reconnecting\u2026","login.title":"Sign in to your inbox","login.email":"E-mail address","login.password":"Password","login.submit":"Sign in","login.busy":"Signing in\u2026","login.wrong":"Wrong e-mail address or password. Check both and try again.","login.throttled":"Too many failed attempts. Wait {seconds} seconds, then try again.","login.disabled":"This user is disabled. Ask an administrator to enable it.","login.network":"Cannot reach the server. Check your connection and try again.","login.down":"The server cannot sign you in right now. Try again in a minute.","login.fill":"Enter your e-mail address and password.","tab.mine":"Mine","tab.unassigned":"Unassigned","tab.all":"All","inbox.list":"Conversations","inbox.thread":"Messages","inbox.search":"Search conversations","inbox.filters":"Filters","inbox.select":"Select {name}","inbox.you":"You","inbox.unread":"{n} unread","inbox.empty":"All caught up","inbox.empty.text":"No conversations match this view.","inbox.pick":"No conversation open","inbox.pick.text":"Pick one from the list, or press j to open the first.","inbox.unavailable":"Conversations are not available yet","inbox.unavailable.text":"This server does not offer the conversations API yet.","f.status":"Status","f.sort":"Sort","f.priority":"Priority","f.inbox":"Inbox","f.team":"Team","f.label":"Label","f.assignee":"Assignee","f.any":"Any","f.name":"Name","f.email":"E-mail","f.role":"Role","f.password":"Password","f.disabled":"Disabled","f.active":"Active","f.state":"State","f.description":"Description","f.members":"Members","f.color":"Colour","f.shortcut":"Shortcut","f.title":"Title","f.body":"Text","f.intent":"Intent","f.key":"Key","f.type":"Type","f.phone":"Phone","f.prefix":"Prefix","f.created":"Created","f.last_used":"Last used","f.language":"Language","f.timezone":"Time zone","status.open":"Open","status.pending":"Pending","status.snoozed":"Snoozed","status.resolved":"Resolved","status.all":"All","sort.last_activity":"Last activity","sort.waiting":"Longest waiting","sort.priority":"Priority","prio.none":"No priority","prio.low":"Low","prio.medium":"Medium","prio.high":"High","prio.urgent":"Urgent","role.agent":"Agent","role.supervisor":"Supervisor","role.administrator":"Administrator","action.assign":"Assign","action.team":"Team","action.status":"Status","action.priority":"Priority","action.label":"Label","action.snooze":"Snooze","action.resolve":"Resolve","action.reopen":"Reopen","assign.me":"{name} (me)","team.none":"No team","bulk.toolbar":"Bulk actions","bulk.selected":"{n} selected","bulk.all":"Select all","bulk.done":"Updated {n} conversations","snooze.hour":"For an hour","snooze.evening":"Until this evening","snooze.tomorrow":"Until tomorrow morning","snooze.week":"For a week","snooze.custom":"Until\u2026","snooze.until":"Snoozed until {when}","presence.viewing":"{name} is viewing","presence.typing":"{name} is typing\u2026","msg.image":"Photo","msg.video":"Video","msg.audio":"Audio","msg.voice":"Voice message","msg.document":"Document","msg.sticker":"Sticker","msg.location":"Location","msg.contacts":"Contact card","msg.contact":"Contact","msg.reaction":"reaction","msg.template":"Template","msg.unsupported":"Unsupported message ({type})","msg.media_failed":"The file could not be downloaded","msg.open_image":"Open the photo full size","msg.open_map":"Open in OpenStreetMap","msg.flow_reply":"Form answered","msg.button_reply":"Button reply","msg.list_reply":"List reply","msg.nfm_reply":"Form reply","msg.interactive":"Interactive reply","msg.button":"Button","msg.order":"Order","msg.items":"items","msg.note":"Private note","msg.automation":"Automation","msg.forwarded":"Forwarded","msg.quoted_missing":"A message not loaded","msg.failed":"Not delivered","msg.failed.unknown":"unknown reason","status.msg.received":"Received","status.msg.queued":"Waiting to send","status.msg.sending":"Sending","status.msg.sent":"Sent","status.msg.delivered":"Delivered","status.msg.read":"Read","status.msg.played":"Played","status.msg.failed":"Failed","status.msg.cancelled":"Cancelled","compose.reply":"Reply","compose.note":"Note","compose.reply.label":"Reply to the customer","compose.note.label":"Private note for the team","compose.reply.ph":"Write a reply\u2026  / for canned replies","compose.note.ph":"Write a note only your team sees\u2026  @ to mention","compose.send":"Send","compose.add_note":"Add note","compose.attach":"Attach files","compose.emoji":"Emoji","compose.preview":"Preview","compose.template":"Template","compose.hint":"Enter to send \xB7 Shift+Enter for a new line","compose.suggested":"Suggested:","compose.window_open":"Reply window closes in {left}","compose.window_shut":"Reply window closed","compose.closed.text":"More than 24 hours have passed since the customer last wrote. WhatsApp only allows an approved template until they write again.","compose.window_closed":"The 24-hour window has closed: send a template.","compose.sending":"Sending\u2026","compose.undo":"Undo","compose.undone":"Not sent. Your text is back in the composer.","compose.too_late":"Too late to undo: the message has been sent.","compose.failed":"Could not send: {why}","compose.too_big":"{name} is larger than 100 MB","compose.remove_file":"Remove {name}","tpl.none":"No approved templates for this inbox.","tpl.pick":"Template","tpl.param":"Parameter {n}","tpl.send":"Send template","contact.pane":"Contact details","contact.unknown":"Unknown","contact.name":"Name","contact.phone":"Phone","contact.email":"E-mail","contact.labels":"Labels","contact.notes":"Notes","contact.add_note":"Add a note about this contact","contact.history":"Previous conversations","contact.no_history":"None before this one.","contact.unavailable":"Contact details are not available yet.","contact.readonly":"Editing contacts needs the contacts API, which this server does not offer yet.","labels.remove":"Remove label {name}","contacts.search":"Search by name, phone or e-mail","contacts.export":"Export CSV","contacts.import":"Import CSV","contacts.merge":"Merge","contacts.attribute":"Attribute","contacts.attr_value":"Value","contacts.last_seen":"Last seen","contacts.empty":"No contacts match","contacts.unavailable":"Contacts are not available yet","contacts.merge.text":"Choose the contact to keep. The others are merged into it with their conversations, notes and labels.","contacts.merge.go":"Merge {n} contacts","contacts.merged":"Contacts merged","contacts.import.text":"A CSV file with a header row: name, phone, email and any custom attribute keys.","contacts.import.file":"CSV file","contacts.import.result":"{created} created, {updated} updated, {failed} rejected","settings.profile":"Profile","settings.shortcuts":"Shortcuts","settings.labels":"Labels","settings.canned":"Canned replies","settings.agents":"Agents","settings.teams":"Teams","settings.attributes":"Custom attributes","settings.inboxes":"Inboxes","settings.tokens":"API tokens","settings.none":"Nothing here yet","settings.unavailable":"Not available on this server yet","tokens.once":"Copy this token now. It will not be shown again.","tokens.revoke":"Revoke","profile.password":"Password","profile.current":"Current password","profile.new":"New password","profile.change":"Change password","profile.pw_changed":"Password changed","shortcuts.text":"A key combination that inserts a canned reply while you write.","shortcuts.keys":"Keys","shortcuts.press":"Press the keys","shortcuts.canned":"Canned reply","shortcuts.nocanned":"Add canned replies first.","keys.title":"Keyboard shortcuts","keys.next":"Next conversation","keys.prev":"Previous conversation","keys.reply":"Reply","keys.note":"Private note","keys.assign":"Assign","keys.resolve":"Resolve or reopen","keys.select":"Select for bulk actions","keys.search":"Search","keys.help":"This list","keys.send":"Send","keys.newline":"New line","keys.escape":"Leave the field, close, clear selection","keys.custom":"Your own shortcuts are in Settings \u2192 Shortcuts.","common.loading":"Loading\u2026","common.back":"Back","common.close":"Close","common.dismiss":"Dismiss","common.save":"Save","common.saved":"Saved","common.add":"Add","common.edit":"Edit","common.delete":"Delete","common.done":"Done","common.more":"Load more","common.select":"Select","common.actions":"Actions","common.confirm_delete":"Delete {name}? This cannot be undone.","error.load":"Could not load: {what}"};var un={"nav.main":"\uBA54\uB274","nav.inbox":"\uBC1B\uC740 \uD3B8\uC9C0\uD568","nav.contacts":"\uC5F0\uB77D\uCC98","nav.settings":"\uC124\uC815","nav.signout":"\uB85C\uADF8\uC544\uC6C3","conn.live":"\uC2E4\uC2DC\uAC04 \uC5F0\uACB0\uB428","conn.offline":"\uC624\uD504\uB77C\uC778","conn.reconnecting":"\uC5F0\uACB0\uC774 \uB04A\uACBC\uC2B5\uB2C8\uB2E4. \uB2E4\uC2DC \uC5F0\uACB0\uD558\uB294 \uC911\u2026","login.title":"\uBC1B\uC740 \uD3B8\uC9C0\uD568\uC5D0 \uB85C\uADF8\uC778","login.email":"\uC774\uBA54\uC77C \uC8FC\uC18C","login.password":"\uBE44\uBC00\uBC88\uD638","login.submit":"\uB85C\uADF8\uC778","login.busy":"\uB85C\uADF8\uC778 \uC911\u2026","login.wrong":"\uC774\uBA54\uC77C \uC8FC\uC18C \uB610\uB294 \uBE44\uBC00\uBC88\uD638\uAC00 \uD2C0\uB838\uC2B5\uB2C8\uB2E4. \uD655\uC778 \uD6C4 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.throttled":"\uB85C\uADF8\uC778 \uC2E4\uD328\uAC00 \uB108\uBB34 \uB9CE\uC2B5\uB2C8\uB2E4. {seconds}\uCD08 \uD6C4\uC5D0 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.disabled":"\uBE44\uD65C\uC131\uD654\uB41C \uC0AC\uC6A9\uC790\uC785\uB2C8\uB2E4. \uAD00\uB9AC\uC790\uC5D0\uAC8C \uBB38\uC758\uD558\uC138\uC694.","login.network":"\uC11C\uBC84\uC5D0 \uC5F0\uACB0\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4. \uB124\uD2B8\uC6CC\uD06C\uB97C \uD655\uC778\uD558\uC138\uC694.","login.down":"\uC9C0\uAE08\uC740 \uC11C\uBC84\uAC00 \uB85C\uADF8\uC778\uC744 \uCC98\uB9AC\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4. \uC7A0\uC2DC \uD6C4 \uB2E4\uC2DC \uC2DC\uB3C4\uD558\uC138\uC694.","login.fill":"\uC774\uBA54\uC77C \uC8FC\uC18C\uC640 \uBE44\uBC00\uBC88\uD638\uB97C \uC785\uB825\uD558\uC138\uC694.","tab.mine":"\uB0B4 \uB300\uD654","tab.unassigned":"\uBBF8\uBC30\uC815","tab.all":"\uC804\uCCB4","inbox.list":"\uB300\uD654 \uBAA9\uB85D","inbox.thread":"\uBA54\uC2DC\uC9C0","inbox.search":"\uB300\uD654 \uAC80\uC0C9","inbox.filters":"\uD544\uD130","inbox.select":"{name} \uC120\uD0DD","inbox.you":"\uB098","inbox.unread":"\uC77D\uC9C0 \uC54A\uC74C {n}","inbox.empty":"\uBAA8\uB450 \uCC98\uB9AC\uD588\uC2B5\uB2C8\uB2E4","inbox.empty.text":"\uC774 \uBCF4\uAE30\uC5D0 \uD574\uB2F9\uD558\uB294 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","inbox.pick":"\uC5F4\uB9B0 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","inbox.pick.text":"\uBAA9\uB85D\uC5D0\uC11C \uC120\uD0DD\uD558\uAC70\uB098 j \uD0A4\uB97C \uB20C\uB7EC \uCCAB \uB300\uD654\uB97C \uC5EC\uC138\uC694.","inbox.unavailable":"\uC544\uC9C1 \uB300\uD654\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","inbox.unavailable.text":"\uC774 \uC11C\uBC84\uC5D0\uB294 \uC544\uC9C1 \uB300\uD654 API\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","f.status":"\uC0C1\uD0DC","f.sort":"\uC815\uB82C","f.priority":"\uC6B0\uC120\uC21C\uC704","f.inbox":"\uCC44\uB110","f.team":"\uD300","f.label":"\uB77C\uBCA8","f.assignee":"\uB2F4\uB2F9\uC790","f.any":"\uC804\uCCB4","f.name":"\uC774\uB984","f.email":"\uC774\uBA54\uC77C","f.role":"\uC5ED\uD560","f.password":"\uBE44\uBC00\uBC88\uD638","f.disabled":"\uBE44\uD65C\uC131","f.active":"\uD65C\uC131","f.state":"\uC0C1\uD0DC","f.description":"\uC124\uBA85","f.members":"\uAD6C\uC131\uC6D0","f.color":"\uC0C9\uC0C1","f.shortcut":"\uB2E8\uCD95\uC5B4","f.title":"\uC81C\uBAA9","f.body":"\uB0B4\uC6A9","f.intent":"\uC758\uB3C4","f.key":"\uD0A4","f.type":"\uC720\uD615","f.phone":"\uC804\uD654\uBC88\uD638","f.prefix":"\uC811\uB450\uC5B4","f.created":"\uC0DD\uC131\uC77C","f.last_used":"\uB9C8\uC9C0\uB9C9 \uC0AC\uC6A9","f.language":"\uC5B8\uC5B4","f.timezone":"\uC2DC\uAC04\uB300","status.open":"\uC9C4\uD589 \uC911","status.pending":"\uB300\uAE30","status.snoozed":"\uBCF4\uB958","status.resolved":"\uD574\uACB0\uB428","status.all":"\uC804\uCCB4","sort.last_activity":"\uCD5C\uADFC \uD65C\uB3D9\uC21C","sort.waiting":"\uC624\uB798 \uAE30\uB2E4\uB9B0 \uC21C","sort.priority":"\uC6B0\uC120\uC21C\uC704\uC21C","prio.none":"\uC6B0\uC120\uC21C\uC704 \uC5C6\uC74C","prio.low":"\uB0AE\uC74C","prio.medium":"\uBCF4\uD1B5","prio.high":"\uB192\uC74C","prio.urgent":"\uAE34\uAE09","role.agent":"\uC0C1\uB2F4\uC6D0","role.supervisor":"\uAD00\uB9AC\uC790","role.administrator":"\uCD5C\uACE0 \uAD00\uB9AC\uC790","action.assign":"\uBC30\uC815","action.team":"\uD300","action.status":"\uC0C1\uD0DC","action.priority":"\uC6B0\uC120\uC21C\uC704","action.label":"\uB77C\uBCA8","action.snooze":"\uBCF4\uB958","action.resolve":"\uD574\uACB0","action.reopen":"\uB2E4\uC2DC \uC5F4\uAE30","assign.me":"{name} (\uB098)","team.none":"\uD300 \uC5C6\uC74C","bulk.toolbar":"\uC77C\uAD04 \uC791\uC5C5","bulk.selected":"{n}\uAC1C \uC120\uD0DD\uB428","bulk.all":"\uBAA8\uB450 \uC120\uD0DD","bulk.done":"\uB300\uD654 {n}\uAC1C\uB97C \uBCC0\uACBD\uD588\uC2B5\uB2C8\uB2E4","snooze.hour":"1\uC2DC\uAC04 \uB3D9\uC548","snooze.evening":"\uC624\uB298 \uC800\uB141\uAE4C\uC9C0","snooze.tomorrow":"\uB0B4\uC77C \uC544\uCE68\uAE4C\uC9C0","snooze.week":"1\uC8FC\uC77C \uB3D9\uC548","snooze.custom":"\uC9C1\uC811 \uC9C0\uC815\u2026","snooze.until":"{when}\uAE4C\uC9C0 \uBCF4\uB958","presence.viewing":"{name} \uB2D8\uC774 \uBCF4\uB294 \uC911","presence.typing":"{name} \uB2D8\uC774 \uC785\uB825 \uC911\u2026","msg.image":"\uC0AC\uC9C4","msg.video":"\uB3D9\uC601\uC0C1","msg.audio":"\uC624\uB514\uC624","msg.voice":"\uC74C\uC131 \uBA54\uC2DC\uC9C0","msg.document":"\uBB38\uC11C","msg.sticker":"\uC2A4\uD2F0\uCEE4","msg.location":"\uC704\uCE58","msg.contacts":"\uC5F0\uB77D\uCC98 \uCE74\uB4DC","msg.contact":"\uC5F0\uB77D\uCC98","msg.reaction":"\uBC18\uC751","msg.template":"\uD15C\uD50C\uB9BF","msg.unsupported":"\uC9C0\uC6D0\uD558\uC9C0 \uC54A\uB294 \uBA54\uC2DC\uC9C0 ({type})","msg.media_failed":"\uD30C\uC77C\uC744 \uB0B4\uB824\uBC1B\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4","msg.open_image":"\uC0AC\uC9C4 \uD06C\uAC8C \uBCF4\uAE30","msg.open_map":"OpenStreetMap\uC5D0\uC11C \uC5F4\uAE30","msg.flow_reply":"\uC591\uC2DD \uC751\uB2F5","msg.button_reply":"\uBC84\uD2BC \uC751\uB2F5","msg.list_reply":"\uBAA9\uB85D \uC751\uB2F5","msg.nfm_reply":"\uC591\uC2DD \uC751\uB2F5","msg.interactive":"\uB300\uD654\uD615 \uC751\uB2F5","msg.button":"\uBC84\uD2BC","msg.order":"\uC8FC\uBB38","msg.items":"\uAC1C \uD488\uBAA9","msg.note":"\uB0B4\uBD80 \uBA54\uBAA8","msg.automation":"\uC790\uB3D9\uD654","msg.forwarded":"\uC804\uB2EC\uB428","msg.quoted_missing":"\uBD88\uB7EC\uC624\uC9C0 \uC54A\uC740 \uBA54\uC2DC\uC9C0","msg.failed":"\uC804\uC1A1 \uC2E4\uD328","msg.failed.unknown":"\uC54C \uC218 \uC5C6\uB294 \uC774\uC720","status.msg.received":"\uBC1B\uC74C","status.msg.queued":"\uC804\uC1A1 \uB300\uAE30","status.msg.sending":"\uC804\uC1A1 \uC911","status.msg.sent":"\uBCF4\uB0C4","status.msg.delivered":"\uC804\uB2EC\uB428","status.msg.read":"\uC77D\uC74C","status.msg.played":"\uC7AC\uC0DD\uB428","status.msg.failed":"\uC2E4\uD328","status.msg.cancelled":"\uCDE8\uC18C\uB428","compose.reply":"\uB2F5\uC7A5","compose.note":"\uBA54\uBAA8","compose.reply.label":"\uACE0\uAC1D\uC5D0\uAC8C \uB2F5\uC7A5","compose.note.label":"\uD300 \uB0B4\uBD80 \uBA54\uBAA8","compose.reply.ph":"\uB2F5\uC7A5\uC744 \uC785\uB825\uD558\uC138\uC694\u2026  / \uB85C \uBE60\uB978 \uB2F5\uBCC0","compose.note.ph":"\uD300\uB9CC \uBCFC \uC218 \uC788\uB294 \uBA54\uBAA8\u2026  @ \uB85C \uBA58\uC158","compose.send":"\uBCF4\uB0B4\uAE30","compose.add_note":"\uBA54\uBAA8 \uCD94\uAC00","compose.attach":"\uD30C\uC77C \uCCA8\uBD80","compose.emoji":"\uC774\uBAA8\uC9C0","compose.preview":"\uBBF8\uB9AC \uBCF4\uAE30","compose.template":"\uD15C\uD50C\uB9BF","compose.hint":"Enter \uBCF4\uB0B4\uAE30 \xB7 Shift+Enter \uC904\uBC14\uAFC8","compose.suggested":"\uCD94\uCC9C:","compose.window_open":"\uB2F5\uC7A5 \uAC00\uB2A5 \uC2DC\uAC04 {left} \uB0A8\uC74C","compose.window_shut":"\uB2F5\uC7A5 \uAC00\uB2A5 \uC2DC\uAC04 \uC885\uB8CC","compose.closed.text":"\uACE0\uAC1D\uC758 \uB9C8\uC9C0\uB9C9 \uBA54\uC2DC\uC9C0 \uD6C4 24\uC2DC\uAC04\uC774 \uC9C0\uB0AC\uC2B5\uB2C8\uB2E4. \uACE0\uAC1D\uC774 \uB2E4\uC2DC \uBA54\uC2DC\uC9C0\uB97C \uBCF4\uB0BC \uB54C\uAE4C\uC9C0 \uC2B9\uC778\uB41C \uD15C\uD50C\uB9BF\uB9CC \uBCF4\uB0BC \uC218 \uC788\uC2B5\uB2C8\uB2E4.","compose.window_closed":"24\uC2DC\uAC04 \uCC3D\uC774 \uB2EB\uD614\uC2B5\uB2C8\uB2E4. \uD15C\uD50C\uB9BF\uC744 \uBCF4\uB0B4\uC138\uC694.","compose.sending":"\uBCF4\uB0B4\uB294 \uC911\u2026","compose.undo":"\uC2E4\uD589 \uCDE8\uC18C","compose.undone":"\uBCF4\uB0B4\uC9C0 \uC54A\uC558\uC2B5\uB2C8\uB2E4. \uC785\uB825\uD55C \uB0B4\uC6A9\uC744 \uB418\uB3CC\uB824 \uB193\uC558\uC2B5\uB2C8\uB2E4.","compose.too_late":"\uC774\uBBF8 \uC804\uC1A1\uB418\uC5B4 \uCDE8\uC18C\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","compose.failed":"\uBCF4\uB0B4\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {why}","compose.too_big":"{name} \uD30C\uC77C\uC774 100MB\uBCF4\uB2E4 \uD07D\uB2C8\uB2E4","compose.remove_file":"{name} \uC81C\uAC70","tpl.none":"\uC774 \uCC44\uB110\uC5D0 \uC2B9\uC778\uB41C \uD15C\uD50C\uB9BF\uC774 \uC5C6\uC2B5\uB2C8\uB2E4.","tpl.pick":"\uD15C\uD50C\uB9BF","tpl.param":"\uBCC0\uC218 {n}","tpl.send":"\uD15C\uD50C\uB9BF \uBCF4\uB0B4\uAE30","contact.pane":"\uC5F0\uB77D\uCC98 \uC815\uBCF4","contact.unknown":"\uC54C \uC218 \uC5C6\uC74C","contact.name":"\uC774\uB984","contact.phone":"\uC804\uD654\uBC88\uD638","contact.email":"\uC774\uBA54\uC77C","contact.labels":"\uB77C\uBCA8","contact.notes":"\uBA54\uBAA8","contact.add_note":"\uC774 \uC5F0\uB77D\uCC98\uC5D0 \uB300\uD55C \uBA54\uBAA8 \uCD94\uAC00","contact.history":"\uC774\uC804 \uB300\uD654","contact.no_history":"\uC774\uC804 \uB300\uD654\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","contact.unavailable":"\uC544\uC9C1 \uC5F0\uB77D\uCC98 \uC815\uBCF4\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","contact.readonly":"\uC774 \uC11C\uBC84\uC5D0\uB294 \uC544\uC9C1 \uC5F0\uB77D\uCC98 API\uAC00 \uC5C6\uC5B4 \uD3B8\uC9D1\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","labels.remove":"{name} \uB77C\uBCA8 \uC81C\uAC70","contacts.search":"\uC774\uB984, \uC804\uD654\uBC88\uD638, \uC774\uBA54\uC77C\uB85C \uAC80\uC0C9","contacts.export":"CSV \uB0B4\uBCF4\uB0B4\uAE30","contacts.import":"CSV \uAC00\uC838\uC624\uAE30","contacts.merge":"\uBCD1\uD569","contacts.attribute":"\uC18D\uC131","contacts.attr_value":"\uAC12","contacts.last_seen":"\uCD5C\uADFC \uD65C\uB3D9","contacts.empty":"\uC77C\uCE58\uD558\uB294 \uC5F0\uB77D\uCC98\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","contacts.unavailable":"\uC544\uC9C1 \uC5F0\uB77D\uCC98\uB97C \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","contacts.merge.text":"\uB0A8\uAE38 \uC5F0\uB77D\uCC98\uB97C \uACE0\uB974\uC138\uC694. \uB098\uBA38\uC9C0\uB294 \uB300\uD654, \uBA54\uBAA8, \uB77C\uBCA8\uACFC \uD568\uAED8 \uBCD1\uD569\uB429\uB2C8\uB2E4.","contacts.merge.go":"\uC5F0\uB77D\uCC98 {n}\uAC1C \uBCD1\uD569","contacts.merged":"\uBCD1\uD569\uD588\uC2B5\uB2C8\uB2E4","contacts.import.text":"\uCCAB \uC904\uC774 \uBA38\uB9AC\uAE00\uC778 CSV \uD30C\uC77C: name, phone, email \uBC0F \uC0AC\uC6A9\uC790 \uC815\uC758 \uC18D\uC131 \uD0A4.","contacts.import.file":"CSV \uD30C\uC77C","contacts.import.result":"{created}\uAC1C \uCD94\uAC00, {updated}\uAC1C \uAC31\uC2E0, {failed}\uAC1C \uAC70\uBD80","settings.profile":"\uD504\uB85C\uD544","settings.shortcuts":"\uB2E8\uCD95\uD0A4","settings.labels":"\uB77C\uBCA8","settings.canned":"\uBE60\uB978 \uB2F5\uBCC0","settings.agents":"\uC0C1\uB2F4\uC6D0","settings.teams":"\uD300","settings.attributes":"\uC0AC\uC6A9\uC790 \uC815\uC758 \uC18D\uC131","settings.inboxes":"\uCC44\uB110","settings.tokens":"API \uD1A0\uD070","settings.none":"\uC544\uC9C1 \uD56D\uBAA9\uC774 \uC5C6\uC2B5\uB2C8\uB2E4","settings.unavailable":"\uC774 \uC11C\uBC84\uC5D0\uC11C \uC544\uC9C1 \uC0AC\uC6A9\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","tokens.once":"\uC9C0\uAE08 \uC774 \uD1A0\uD070\uC744 \uBCF5\uC0AC\uD558\uC138\uC694. \uB2E4\uC2DC \uD45C\uC2DC\uB418\uC9C0 \uC54A\uC2B5\uB2C8\uB2E4.","tokens.revoke":"\uD3D0\uAE30","profile.password":"\uBE44\uBC00\uBC88\uD638","profile.current":"\uD604\uC7AC \uBE44\uBC00\uBC88\uD638","profile.new":"\uC0C8 \uBE44\uBC00\uBC88\uD638","profile.change":"\uBE44\uBC00\uBC88\uD638 \uBCC0\uACBD","profile.pw_changed":"\uBE44\uBC00\uBC88\uD638\uB97C \uBCC0\uACBD\uD588\uC2B5\uB2C8\uB2E4","shortcuts.text":"\uC785\uB825 \uC911\uC5D0 \uBE60\uB978 \uB2F5\uBCC0\uC744 \uB123\uB294 \uD0A4 \uC870\uD569\uC785\uB2C8\uB2E4.","shortcuts.keys":"\uD0A4","shortcuts.press":"\uD0A4\uB97C \uB204\uB974\uC138\uC694","shortcuts.canned":"\uBE60\uB978 \uB2F5\uBCC0","shortcuts.nocanned":"\uBA3C\uC800 \uBE60\uB978 \uB2F5\uBCC0\uC744 \uCD94\uAC00\uD558\uC138\uC694.","keys.title":"\uD0A4\uBCF4\uB4DC \uB2E8\uCD95\uD0A4","keys.next":"\uB2E4\uC74C \uB300\uD654","keys.prev":"\uC774\uC804 \uB300\uD654","keys.reply":"\uB2F5\uC7A5","keys.note":"\uB0B4\uBD80 \uBA54\uBAA8","keys.assign":"\uBC30\uC815","keys.resolve":"\uD574\uACB0 \uB610\uB294 \uB2E4\uC2DC \uC5F4\uAE30","keys.select":"\uC77C\uAD04 \uC791\uC5C5\uC6A9 \uC120\uD0DD","keys.search":"\uAC80\uC0C9","keys.help":"\uC774 \uBAA9\uB85D","keys.send":"\uBCF4\uB0B4\uAE30","keys.newline":"\uC904\uBC14\uAFC8","keys.escape":"\uC785\uB825\uB780 \uB098\uAC00\uAE30, \uB2EB\uAE30, \uC120\uD0DD \uD574\uC81C","keys.custom":"\uB098\uB9CC\uC758 \uB2E8\uCD95\uD0A4\uB294 \uC124\uC815 \u2192 \uB2E8\uCD95\uD0A4\uC5D0 \uC788\uC2B5\uB2C8\uB2E4.","common.loading":"\uBD88\uB7EC\uC624\uB294 \uC911\u2026","common.back":"\uB4A4\uB85C","common.close":"\uB2EB\uAE30","common.dismiss":"\uB2EB\uAE30","common.save":"\uC800\uC7A5","common.saved":"\uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4","common.add":"\uCD94\uAC00","common.edit":"\uD3B8\uC9D1","common.delete":"\uC0AD\uC81C","common.done":"\uC644\uB8CC","common.more":"\uB354 \uBCF4\uAE30","common.select":"\uC120\uD0DD","common.actions":"\uC791\uC5C5","common.confirm_delete":"{name}\uC744(\uB97C) \uC0AD\uC81C\uD560\uAE4C\uC694? \uB418\uB3CC\uB9B4 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4.","error.load":"\uBD88\uB7EC\uC624\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {what}"};var Bn={en:bt,ko:un},vt="en",De="en",yt;function Ae(e,t){De=e||navigator.language||"en",vt=De.toLowerCase().startsWith("ko")?"ko":"en";try{new Intl.DateTimeFormat(De,{timeZone:t||void 0}),yt=t||void 0}catch{yt=void 0}document.documentElement.lang=vt}function o(e,t){let n=Bn[vt][e]??bt[e]??e;return t&&(n=n.replace(/\{(\w+)\}/g,(a,r)=>r in t?t[r]:a)),n}var Ce=e=>new Intl.DateTimeFormat(De,{timeZone:yt,...e});function de(e){if(!e)return"";let t=new Date(e),n=Date.now(),a=Ce({year:"numeric",month:"2-digit",day:"2-digit"});return a.format(t)===a.format(new Date(n))?Ce({hour:"numeric",minute:"2-digit"}).format(t):n-e<6*864e5?Ce({weekday:"short"}).format(t):Ce({month:"short",day:"numeric"}).format(t)}var Xe=e=>e?Ce({dateStyle:"medium",timeStyle:"short"}).format(new Date(e)):"",dn=e=>Ce({hour:"numeric",minute:"2-digit"}).format(new Date(e)),pn=e=>Ce({weekday:"long",month:"long",day:"numeric"}).format(new Date(e)),Ne=e=>new Intl.NumberFormat(De).format(e);function et(e){if(e==null)return"";let t=["B","KB","MB","GB"],n=0,a=e;for(;a>=1024&&n<t.length-1;)a/=1024,n++;return new Intl.NumberFormat(De,{maximumFractionDigits:n?1:0}).format(a)+" "+t[n]}function mn(e){let t=Math.max(0,Math.floor((e-Date.now())/1e3)),n=Math.floor(t/3600),a=Math.floor(t%3600/60);return`${n}:${String(a).padStart(2,"0")}:${String(t%60).padStart(2,"0")}`}var fn={logo:"M5 6a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3h-5l-4 4v-4a3 3 0 0 1-2-3z",inbox:"M3 13l3-9h12l3 9v6H3zM3 13h5l1 3h6l1-3h5",contacts:"M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M16 3.5a4 4 0 0 1 0 7.5M22 21v-1a6 6 0 0 0-4-5.6",settings:"M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z",logout:"M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9",search:"M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM21 21l-4.3-4.3",back:"M15 18l-6-6 6-6",send:"M22 2L11 13M22 2l-7 20-4-9-9-4z",clip:"M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5",smile:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01",check:"M20 6L9 17l-5-5",x:"M18 6L6 18M6 6l12 12",user:"M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",clock:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2",doc:"M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6",pin:"M12 22s7-7.5 7-13a7 7 0 0 0-14 0c0 5.5 7 13 7 13zM12 11a2 2 0 1 0 0-4 2 2 0 0 0 0 4z",info:"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 16v-4M12 8h.01",forward:"M15 17l5-5-5-5M4 18v-2a4 4 0 0 1 4-4h12",note:"M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z",filter:"M22 3H2l8 9.5V19l4 2v-8.5z",alert:"M12 9v4M12 17h.01M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"};function I({name:e,size:t=18}){return l`<svg class="icon" width=${t} height=${t}
    viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
    focusable="false"><path d=${fn[e]||fn.info} /></svg>`}function $n(){let e=W();return l`<div class="toasts" role="status" aria-live="polite">
    ${e.toasts.map(t=>l`<div class=${"toast "+(t.kind||"")}
      key=${t.id}>
      <span>${t.text}</span>
      ${t.action&&l`<button class="btn link" onClick=${()=>{Ze(t.id),t.onAction()}}>${t.action}</button>`}
      <button class="btn icon ghost" aria-label=${o("common.dismiss")}
        onClick=${()=>Ze(t.id)}><${I} name="x" size=${14} />
      </button></div>`)}
  </div>`}function Q({title:e,onClose:t,children:n,wide:a}){let r=ee(null);P(()=>{let i=document.activeElement,c=r.current&&r.current.querySelector("input, select, textarea, button:not(.modal-close)");return c&&c.focus(),()=>i&&i.focus&&i.focus()},[]);let s=i=>{i.key==="Escape"&&(i.stopPropagation(),t())};return l`<div class="modal-back" onClick=${i=>i.target===i.currentTarget&&t()}>
    <div class=${"modal"+(a?" wide":"")} role="dialog"
      aria-modal="true" aria-label=${e} ref=${r} onKeyDown=${s}>
      <header><h2>${e}</h2>
        <button class="btn icon ghost modal-close" onClick=${t}
          aria-label=${o("common.close")}><${I} name="x" /></button>
      </header>
      <div class="modal-body">${n}</div>
    </div></div>`}var Vn=[210,260,330,20,150,190,40,290];function ve({name:e,size:t=32}){let n=(e||"?").trim(),a=0;for(let s of n)a=a*31+s.codePointAt(0)>>>0;let r=n.split(/\s+/).slice(0,2).map(s=>[...s][0]||"").join("").toUpperCase();return l`<span class=${"avatar hue-"+a%Vn.length}
    style=${{width:t+"px",height:t+"px"}}
    aria-hidden="true">${r}</span>`}function pe({label:e,onRemove:t}){let n=/^#[0-9a-fA-F]{6}$/.test(e.color||"")?e.color:"#8a8f98";return l`<span class="chip"><span class="dot"
    style=${{background:n}}></span><bdi>${e.name}</bdi>
    ${t&&l`<button class="chip-x" onClick=${t}
      aria-label=${o("labels.remove",{name:e.name})}>×</button>`}
  </span>`}var Me=["none","low","medium","high","urgent"];function gn({value:e}){return e?l`<span class=${"prio p"+e}
    title=${o("prio."+Me[e])}>
    <span class="sr-only">${o("prio."+Me[e])}</span>
    ${"!".repeat(Math.min(e,3))}</span>`:null}function me({title:e,text:t}){return l`<div class="empty"><p class="empty-title">${e}</p>
    ${t&&l`<p>${t}</p>`}</div>`}function Jn(e){switch(e.code){case"invalid_credentials":return o("login.wrong");case"rate_limited":return o("login.throttled",{seconds:e.retryAfter||60});case"unauthorized":return o("login.disabled");case"network":return o("login.network");case"missing_field":case"invalid_field":return o("login.fill");default:return e.status>=500?o("login.down"):e.message}}function _n({onDone:e}){let[t,n]=h(""),[a,r]=h(""),[s,i]=h(""),[c,u]=h(!1);async function d(m){if(m.preventDefault(),!t||!a){i(o("login.fill"));return}u(!0),i("");try{await K("/api/v1/auth/login",{email:t,password:a}),e(await O("/api/v1/me"))}catch(x){i(Jn(x)),u(!1)}}return l`<div class="login">
    <form class="login-card" onSubmit=${d} novalidate>
      <div class="login-brand"><${I} name="logo" /> Parley</div>
      <h1>${o("login.title")}</h1>
      <label for="email">${o("login.email")}</label>
      <input id="email" type="email" autocomplete="username" required
        value=${t} onInput=${m=>n(m.target.value)}
        aria-invalid=${s?"true":void 0} autofocus />
      <label for="password">${o("login.password")}</label>
      <input id="password" type="password" autocomplete="current-password"
        required value=${a}
        onInput=${m=>r(m.target.value)}
        aria-invalid=${s?"true":void 0} />
      ${s&&l`<p class="form-error" role="alert">${s}</p>`}
      <button class="btn primary wide" type="submit" disabled=${c}>
        ${c?o("login.busy"):o("login.submit")}</button>
    </form>
  </div>`}var kt=new Set;function tt(e){return kt.add(e),()=>kt.delete(e)}function hn(e,t){for(let n of kt)try{n(e,t)}catch(a){console.error(a)}}var F=e=>typeof e=="string"?e:e==null?"":String(e);function wt(e){let t=e.content||{};if(e.text)return e.text;switch(e.type){case"image":return"\u{1F4F7} "+(F(t.caption)||o("msg.image"));case"video":return"\u{1F3AC} "+(F(t.caption)||o("msg.video"));case"audio":return"\u{1F3A4} "+o(t.voice?"msg.voice":"msg.audio");case"document":return"\u{1F4C4} "+(F(t.filename)||o("msg.document"));case"sticker":return o("msg.sticker");case"location":return"\u{1F4CD} "+(F(t.name)||o("msg.location"));case"contacts":return"\u{1F464} "+o("msg.contacts");case"reaction":return F(t.emoji)+" "+o("msg.reaction");case"template":return o("msg.template");default:return o("msg.unsupported",{type:F(e.type)})}}function nt(e){let t=e.media&&e.media[0]||null;return!t||!t.id||t.state==="failed"?null:"/api/v1/media/"+encodeURIComponent(t.id)}function xt({text:e}){return e?l`<p class="msg-text"><bdi>${e}</bdi></p>`:null}function St({m:e,label:t}){let n=e.media&&e.media[0]||{};return l`<div class="media-missing"><${I} name="doc" />
    ${n.state==="failed"?o("msg.media_failed"):t}</div>`}function Zn({m:e,onZoom:t}){let n=nt(e),a=e.content||{};return l`<div class="msg-media">
    ${n?l`<button class="thumb" onClick=${()=>t(n)}
        aria-label=${o("msg.open_image")}>
        <img src=${n} alt=${F(a.caption)||o("msg.image")}
          loading="lazy" /></button>`:l`<${St} m=${e} label=${o("msg.image")} />`}
    <${xt} text=${F(a.caption)} /></div>`}function Gn({m:e}){let t=nt(e),n=e.content||{};return l`<div class="msg-media">
    <span class="media-kind">${o(n.voice?"msg.voice":"msg.audio")}</span>
    ${t?l`<audio controls preload="none" src=${t}></audio>`:l`<${St} m=${e} label=${o("msg.audio")} />`}</div>`}function Yn({m:e}){let t=nt(e),n=e.content||{};return l`<div class="msg-media">
    ${t?l`<video controls preload="metadata" src=${t}></video>`:l`<${St} m=${e} label=${o("msg.video")} />`}
    <${xt} text=${F(n.caption)} /></div>`}function Qn({m:e}){let t=nt(e),n=e.content||{},a=e.media&&e.media[0]||{},r=F(n.filename||a.filename)||o("msg.document"),s=l`<${I} name="doc" size=${22} /><span class="doc-text">
    <bdi class="doc-name">${r}</bdi>
    <span class="doc-size">${et(a.size)} ${F(a.mime_type)}</span>
    </span>`;return l`<div class="msg-media">
    ${t?l`<a class="doc" href=${t} download=${r}>${s}</a>`:l`<div class="doc">${s}</div>`}
    <${xt} text=${F(n.caption)} /></div>`}function Xn({m:e}){let t=e.content||{},n=Number(t.latitude),a=Number(t.longitude),s=Number.isFinite(n)&&Number.isFinite(a)&&Math.abs(n)<=90&&Math.abs(a)<=180?`https://www.openstreetmap.org/?mlat=${n}&mlon=${a}#map=16/${n}/${a}`:null;return l`<div class="loc"><${I} name="pin" size=${22} />
    <span><bdi class="loc-name">${F(t.name)||o("msg.location")}</bdi>
      ${t.address&&l`<bdi class="loc-addr">${F(t.address)}</bdi>`}
      ${s&&l`<a href=${s} target="_blank"
        rel="noopener noreferrer">${o("msg.open_map")}</a>`}
    </span></div>`}function eo({m:e}){let t=Array.isArray(e.content)?e.content:e.content&&e.content.contacts||[];return l`<div class="cards">${t.map((n,a)=>{let r=n.name&&(n.name.formatted_name||n.name.first_name);return l`<div class="card" key=${a}><${I} name="user" />
      <span><bdi class="card-name">${F(r)||o("msg.contact")}</bdi>
      ${(n.phones||[]).map(s=>l`<span class="card-phone">
        ${F(s.phone||s.wa_id)}</span>`)}
      ${(n.emails||[]).map(s=>l`<span class="card-phone">
        ${F(s.email)}</span>`)}</span></div>`})}</div>`}function to({m:e}){let t=e.content||{},n=t.button_reply||t.list_reply||t.nfm_reply||t,a=F(n.title||n.text||n.body||n.name);return t.type==="nfm_reply"&&!a&&(a=o("msg.flow_reply")),l`<div class="reply-chip"><span class="reply-kind">
    ${o("msg."+(t.type||"interactive"))}</span>
    <bdi>${a}</bdi>${n.description&&l`<span class="muted">
      ${F(n.description)}</span>`}</div>`}function no({m:e}){return l`<div class="unknown"><${I} name="alert" size=${16} />
    ${o("msg.unsupported",{type:F(e.type)||"?"})}</div>`}function oo({m:e,onZoom:t}){let n=e.content||{};switch(e.type){case"text":case"note":return l`<p class="msg-text"><bdi>${F(e.text??n.body)}</bdi></p>`;case"image":case"sticker":return l`<${Zn} m=${e}
    onZoom=${t} />`;case"audio":return l`<${Gn} m=${e} />`;case"video":return l`<${Yn} m=${e} />`;case"document":return l`<${Qn} m=${e} />`;case"location":return l`<${Xn} m=${e} />`;case"contacts":return l`<${eo} m=${e} />`;case"interactive":return l`<${to} m=${e} />`;case"button":return l`<div class="reply-chip"><span
    class="reply-kind">${o("msg.button")}</span>
    <bdi>${F(n.text||n.payload)}</bdi></div>`;case"template":return l`<div class="tpl"><span class="reply-kind">
    ${o("msg.template")} · ${F(n.name||n.template&&n.template.name)}
    </span>${e.text&&l`<p class="msg-text"><bdi>${e.text}</bdi></p>`}
    </div>`;case"order":return l`<div class="reply-chip"><span class="reply-kind">
    ${o("msg.order")}</span>${F(n.text)} · ${(n.product_items||[]).length} ${o("msg.items")}</div>`;case"system":return l`<p class="msg-text muted">${F(e.text||n.body)}</p>`;default:return e.text?l`<p class="msg-text"><bdi>${e.text}</bdi></p>`:l`<${no} m=${e} />`}}var so={queued:"clock",sending:"clock",sent:"\u2713",delivered:"\u2713\u2713",read:"\u2713\u2713",played:"\u2713\u2713",failed:"!",cancelled:"\xD7"};function ao({m:e}){if(e.direction!=="out"||e.private)return null;let t=e.status||"queued",n=so[t]||"";return l`<span class=${"tick "+t} title=${o("status.msg."+t)}
    data-status=${t}>
    ${n==="clock"?l`<${I} name="clock" size=${12} />`:n}
    <span class="sr-only">${o("status.msg."+t)}</span></span>`}function bn({m:e,quoted:t,reactions:n,onZoom:a}){let r=e.direction==="out",s="msg "+(e.private?"note":r?"out":"in")+(e.status==="failed"?" failed":"")+(e.status==="cancelled"?" cancelled":""),i=e.sender&&e.sender.type==="user"?Ge(e.sender.id):e.sender&&e.sender.type==="bot"?o("msg.automation"):"";return l`<div class=${s} data-id=${e.id} data-type=${e.type}>
    ${e.private&&l`<span class="note-tag">${o("msg.note")}</span>`}
    ${(r||e.private)&&i&&l`<span class="sender">
      ${i}</span>`}
    ${e.content&&e.content.context&&e.content.context.forwarded&&l`<span class="fwd"><${I} name="forward" size=${12} />
        ${o("msg.forwarded")}</span>`}
    ${e.reply_to_wamid&&l`<div class="quote"><bdi>${t?wt(t):o("msg.quoted_missing")}</bdi></div>`}
    <${oo} m=${e} onZoom=${a} />
    ${n&&n.length>0&&l`<span class="reactions">
      ${n.map(c=>F(c.content&&c.content.emoji)).join(" ")}
      </span>`}
    <span class="meta"><time title=${Xe(e.created_at)}>
      ${dn(e.created_at)}</time><${ao} m=${e} /></span>
    ${e.status==="failed"&&l`<span class="fail-reason" role="note">
      ${o("msg.failed")}: ${F(e.error&&(e.error.title||e.error.code))||o("msg.failed.unknown")}</span>`}
  </div>`}var io=["\u{1F600}","\u{1F60A}","\u{1F642}","\u{1F609}","\u{1F60D}","\u{1F64F}","\u{1F44D}","\u{1F44C}","\u{1F44F}","\u{1F389}","\u2764\uFE0F","\u2705","\u2B50","\u{1F525}","\u{1F622}","\u{1F605}","\u{1F914}","\u{1F4E6}","\u{1F69A}","\u{1F4B3}","\u{1F4DE}","\u23F0","\u{1F44B}","\u{1F64C}"],ro=()=>crypto.randomUUID?crypto.randomUUID():String(Date.now())+Math.random().toString(16).slice(2);function lo(e){return/^image\/(jpeg|png)$/.test(e)?"image":e==="image/webp"?"sticker":e.startsWith("video/")?"video":e.startsWith("audio/")?"audio":"document"}function co(e){let t=[],n=/(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```[^`]+```)/g,a=0,r;for(;r=n.exec(e);){r.index>a&&t.push(e.slice(a,r.index));let s=r[0];s.startsWith("```")?t.push(l`<code>${s.slice(3,-3)}</code>`):s[0]==="*"?t.push(l`<strong>${s.slice(1,-1)}</strong>`):s[0]==="_"?t.push(l`<em>${s.slice(1,-1)}</em>`):t.push(l`<s>${s.slice(1,-1)}</s>`),a=r.index+s.length}return t.push(e.slice(a)),t}function uo(e,t){let a=e.slice(0,t).match(/(^|\s)([/@][^\s/@]*)$/);return a?{text:a[2],start:t-a[2].length}:null}function vn({conv:e,onSent:t,bind:n}){let a=W(),[r,s]=h("reply"),[i,c]=h(""),[u,d]=h([]),[m,x]=h(!1),[p,_]=h(!1),[v,E]=h(null),[z,T]=h(0),[S,$]=h([]),[M,w]=h(!1),[A,b]=h(!1),[,R]=h(0),[V,J]=h(!1),B=ee(null),ge=ee(0),te=e.window_expires_at,ie=te==null?!0:te>Date.now(),_e=te!==void 0;n&&(n.current={focus:g=>{s(g),setTimeout(()=>B.current&&B.current.focus(),0)}}),P(()=>{if(!te)return;let g=setInterval(()=>R(C=>C+1),1e3);return()=>clearInterval(g)},[te]),P(()=>{if(r!=="reply"||i.length<3||i.startsWith("/")){$([]);return}let g=setTimeout(()=>{O("/api/v1/canned-replies/suggest"+ae({q:i,conversation_id:e.id})).then(C=>$((C&&C.data||[]).slice(0,3))).catch(()=>$(po(be().canned,i)))},250);return()=>clearTimeout(g)},[i,r]);function f(g){let C=g.target.value;c(C);let L=uo(C,g.target.selectionStart);if(L&&L.text[0]==="/"&&r==="reply"){let j=L.text.slice(1).toLowerCase(),le=a.canned.filter(se=>(se.shortcut||"").toLowerCase().startsWith(j)||(se.title||"").toLowerCase().includes(j)).slice(0,8);E(le.length?{kind:"canned",tok:L,items:le}:null)}else if(L&&L.text[0]==="@"&&r==="note"){let j=L.text.slice(1).toLowerCase(),le=a.users.filter(se=>(se.name||se.email).toLowerCase().includes(j)).slice(0,8);E(le.length?{kind:"mention",tok:L,items:le}:null)}else E(null);T(0),y()}function y(){Date.now()-ge.current<3e3||(ge.current=Date.now(),K("/api/v1/conversations/"+e.id+"/typing").catch(()=>{}))}function N(g){let{tok:C}=v,L=v.kind==="canned"?G(g.body)+" ":"@"+(g.name||g.email).replace(/\s+/g,"")+" ",j=i.slice(0,C.start)+L+i.slice(C.start+C.text.length);c(j),E(null),B.current.focus()}function G(g){return(g||"").replace(/\{\{\s*contact\.name\s*\}\}/g,e.contact&&e.contact.name||"").replace(/\{\{\s*agent\.name\s*\}\}/g,a.me.name||"")}function Le(g){if(v){if(g.key==="ArrowDown"){g.preventDefault(),T((z+1)%v.items.length);return}if(g.key==="ArrowUp"){g.preventDefault(),T((z+v.items.length-1)%v.items.length);return}if(g.key==="Enter"||g.key==="Tab"){g.preventDefault(),N(v.items[z]);return}if(g.key==="Escape"){g.preventDefault(),E(null);return}}if(g.key==="Escape"){g.target.blur();return}for(let C of a.shortcuts||[])if(mo(g,C.keys)&&C.canned_id){let L=a.canned.find(j=>j.id===C.canned_id);if(L){g.preventDefault(),k(G(L.body));return}}g.key==="Enter"&&!g.shiftKey&&!g.isComposing&&(g.preventDefault(),ze())}function k(g){let C=B.current,L=C?C.selectionStart:i.length;c(i.slice(0,L)+g+i.slice(L))}function H(g){let L=[...g].filter(j=>(j.size>104857600&&D(o("compose.too_big",{name:j.name}),{kind:"error"}),j.size<=104857600));d(j=>[...j,...L])}async function q(g){let C=new FormData;C.append("file",g,g.name);let L=await K("/api/v1/media",C);return L.data||L}async function ze(){if(A||!i.trim()&&!u.length)return;if(r==="reply"&&_e&&!ie){w(!0);return}b(!0);let g=i.trim();try{if(r==="note")await re({type:"note",text:{body:g},private:!0});else if(u.length)for(let C=0;C<u.length;C++){let L=await q(u[C]),j=lo(u[C].type||""),le={id:L.id};C===0&&g&&j!=="audio"&&j!=="sticker"&&(le.caption=g),j==="document"&&(le.filename=u[C].name),await re({type:j,[j]:le})}else await re({type:"text",text:{body:g}});c(""),d([]),x(!1)}catch(C){C instanceof ke&&C.code==="window_closed"?(D(o("compose.window_closed"),{kind:"error"}),w(!0)):D(o("compose.failed",{why:C.message}),{kind:"error"})}finally{b(!1)}}async function re(g){let C=await K("/api/v1/conversations/"+e.id+"/messages",g,{"Idempotency-Key":ro()}),L=C&&(C.data||C)||{};t(L),!g.private&&L.id&&oe(L,g)}function oe(g,C){let L=a.account&&a.account.undo_send_ms||5e3,j=g.send_after?g.send_after-Date.now():L;return j<=0?void 0:D(o("compose.sending"),{action:o("compose.undo"),timeout:Math.min(j,L),onAction:async()=>{try{let se=await K("/api/v1/messages/"+g.id+"/cancel");t({...g,...se&&(se.data||se),status:"cancelled"}),C.text&&c(C.text.body),D(o("compose.undone"))}catch(se){D(se.status===409?o("compose.too_late"):se.message,{kind:"error"})}}})}let Re=r==="reply"&&_e&&!ie;return l`<div class=${"composer "+r+(V?" drag":"")}
    onDragOver=${g=>{g.preventDefault(),J(!0)}}
    onDragLeave=${()=>J(!1)}
    onDrop=${g=>{g.preventDefault(),J(!1),H(g.dataTransfer.files)}}>
    ${S.length>0&&l`<div class="suggest" aria-label=${o("compose.suggested")}><span class="muted">${o("compose.suggested")}
      </span>${S.map(g=>l`<button class="btn small"
        key=${g.id} onClick=${()=>{c(G(g.body)),$([]),B.current.focus()}}>${g.title||g.shortcut}</button>`)}
    </div>`}
    <div class="compose-tabs" role="tablist">
      <button role="tab" aria-selected=${r==="reply"}
        class=${"ctab"+(r==="reply"?" active":"")}
        onClick=${()=>s("reply")}>${o("compose.reply")} <kbd>r</kbd>
      </button>
      <button role="tab" aria-selected=${r==="note"}
        class=${"ctab"+(r==="note"?" active":"")}
        onClick=${()=>s("note")}>${o("compose.note")} <kbd>n</kbd>
      </button>
      <span class="window">${te&&ie?o("compose.window_open",{left:mn(te)}):Re?o("compose.window_shut"):""}</span>
    </div>
    ${Re?l`<div class="closed-note"><p>${o("compose.closed.text")}
        </p><button class="btn primary" onClick=${()=>w(!0)}>
        ${o("compose.template")}</button></div>`:l`<div class="compose-box">
      ${v&&l`<ul class="popup" role="listbox">${v.items.map((g,C)=>l`<li role="option" aria-selected=${C===z}
          class=${C===z?"picked":""} key=${g.id}
          onMouseDown=${L=>{L.preventDefault(),N(g)}}>
          ${v.kind==="canned"?l`<b>/${g.shortcut}</b>
            <span class="muted">${g.title}</span>`:l`<b>${g.name||g.email}</b>`}</li>`)}</ul>`}
      ${m?l`<div class="preview" aria-label=${o("compose.preview")}>
          ${i.split(`
`).map(g=>l`<p>${co(g)}</p>`)}</div>`:l`<textarea ref=${B} rows="3" value=${i}
          aria-label=${r==="note"?o("compose.note.label"):o("compose.reply.label")}
          placeholder=${r==="note"?o("compose.note.ph"):o("compose.reply.ph")}
          onInput=${f} onKeyDown=${Le}
          onPaste=${g=>{g.clipboardData.files.length&&(g.preventDefault(),H(g.clipboardData.files))}} />`}
      ${u.length>0&&l`<ul class="files">${u.map((g,C)=>l`<li key=${C}><${I} name="doc" size=${14} /><bdi>${g.name}</bdi>
          <span class="muted">${et(g.size)}</span>
          <button class="chip-x" aria-label=${o("compose.remove_file",{name:g.name})} onClick=${()=>d(u.filter((L,j)=>j!==C))}>×</button></li>`)}</ul>`}
      <div class="compose-bar">
        <label class="btn icon ghost" title=${o("compose.attach")}>
          <${I} name="clip" /><span class="sr-only">${o("compose.attach")}
          </span><input type="file" multiple class="sr-only"
            onChange=${g=>{H(g.target.files),g.target.value=""}} /></label>
        <button class="btn icon ghost" aria-label=${o("compose.emoji")}
          aria-expanded=${p} title=${o("compose.emoji")}
          onClick=${()=>_(!p)}><${I} name="smile" /></button>
        <button class=${"btn ghost small"+(m?" on":"")}
          aria-pressed=${m} onClick=${()=>x(!m)}>
          ${o("compose.preview")}</button>
        <button class="btn ghost small" onClick=${()=>w(!0)}>
          ${o("compose.template")}</button>
        <span class="spacer"></span>
        <span class="hint hide-sm">${o("compose.hint")}</span>
        <button class="btn primary" onClick=${ze} disabled=${A||!i.trim()&&!u.length}>
          <${I} name="send" size=${16} />
          ${r==="note"?o("compose.add_note"):o("compose.send")}
        </button>
      </div>
      ${p&&l`<div class="emoji-grid" role="group"
        aria-label=${o("compose.emoji")}>${io.map(g=>l`<button
          class="btn ghost" onClick=${()=>{k(g),_(!1)}}>${g}</button>`)}</div>`}
    </div>`}
    ${M&&l`<${fo} conv=${e} onClose=${()=>w(!1)} send=${async g=>{try{await re(g),w(!1)}catch(C){D(o("compose.failed",{why:C.message}),{kind:"error"})}}} />`}
  </div>`}function po(e,t){let n=t.toLowerCase().split(/\W+/).filter(a=>a.length>3);return e.filter(a=>n.some(r=>[a.shortcut,a.title,a.intent,a.body].some(s=>(s||"").toLowerCase().includes(r)))).slice(0,3)}function mo(e,t){if(!t)return!1;let n=t.toLowerCase().split("+"),a=n.pop();return e.key.toLowerCase()===a&&e.ctrlKey===n.includes("ctrl")&&e.altKey===n.includes("alt")&&e.shiftKey===n.includes("shift")&&e.metaKey===n.includes("meta")}function fo({conv:e,onClose:t,send:n}){let[a,r]=h(null),[s,i]=h(null),[c,u]=h([]);P(()=>{O("/api/v1/templates"+ae({inbox_id:e.inbox_id})).then(_=>r((_&&_.data||[]).filter(v=>!v.status||v.status==="APPROVED"||v.status==="approved"))).catch(()=>r([]))},[]);let d=s&&(s.components||[]).find(_=>(_.type||"").toUpperCase()==="BODY"),m=s?s.parameters?s.parameters.length:(d&&d.text||"").match(/\{\{\d+\}\}/g)?.length||0:0,x=d?(d.text||"").replace(/\{\{(\d+)\}\}/g,(_,v)=>c[v-1]||_):"";function p(){let _=m?[{type:"body",parameters:c.slice(0,m).map(v=>({type:"text",text:v}))}]:[];n({type:"template",template:{name:s.name,language:{code:s.language},components:_}})}return l`<${Q} title=${o("compose.template")} onClose=${t}>
    ${a===null?l`<p>${o("common.loading")}</p>`:a.length===0?l`<p>${o("tpl.none")}</p>`:l`<div class="stack">
      <label>${o("tpl.pick")}<select onChange=${_=>{i(a[Number(_.target.value)]||null),u([])}}>
        <option value="">—</option>
        ${a.map((_,v)=>l`<option value=${String(v)}>${_.name} ·
          ${_.language}${_.category?" \xB7 "+_.category:""}</option>`)}
      </select></label>
      ${Array.from({length:m},(_,v)=>l`<label key=${v}>
        ${s.parameters&&s.parameters[v]&&(s.parameters[v].name||s.parameters[v].example)||o("tpl.param",{n:v+1})}
        <input value=${c[v]||""} onInput=${E=>{let z=c.slice();z[v]=E.target.value,u(z)}} /></label>`)}
      ${s&&l`<div class="preview tpl-preview"><p>${x}</p></div>`}
      <button class="btn primary" disabled=${!s||c.slice(0,m).filter(Boolean).length<m} onClick=${p}>
        ${o("tpl.send")}</button></div>`}
  </${Q}>`}var $o=e=>e&&(e.tagName==="INPUT"||e.tagName==="TEXTAREA"||e.tagName==="SELECT"||e.isContentEditable);function ot(e){let t=ee(e);t.current=e,P(()=>{let n=a=>{if(a.ctrlKey||a.metaKey||a.altKey||a.key!=="Escape"&&$o(document.activeElement)||document.querySelector(".modal")&&a.key!=="Escape")return;let r=t.current[a.key];r&&(a.preventDefault(),r(a))};return addEventListener("keydown",n),()=>removeEventListener("keydown",n)},[])}var go=[["j","keys.next"],["k","keys.prev"],["r","keys.reply"],["n","keys.note"],["a","keys.assign"],["e","keys.resolve"],["x","keys.select"],["/","keys.search"],["?","keys.help"],["Enter","keys.send"],["Shift+Enter","keys.newline"],["Esc","keys.escape"]];function yn({onClose:e}){return l`<${Q} title=${o("keys.title")} onClose=${e}>
    <dl class="keys">${go.map(([t,n])=>l`<div key=${t}>
      <dt><kbd>${t}</kbd></dt><dd>${o(n)}</dd></div>`)}</dl>
    <p class="muted">${o("keys.custom")}</p></${Q}>`}var _o=50;function kn(e,t){let n=e.findIndex(a=>a.id===t.id);if(n>=0){let a=e.slice();return a[n]={...e[n],...t},a}return[...e,t].sort((a,r)=>a.created_at-r.created_at||a.id-r.id)}function wn({id:e,summary:t,onBack:n,onToggleContact:a,onChanged:r}){let s=W(),[i,c]=h(t||null),[u,d]=h([]),[m,x]=h(null),[p,_]=h(null),[v,E]=h(!1),[z,T]=h(!1),S=ee(null),$=ee(null),M=ee(!0);P(()=>{O("/api/v1/conversations/"+e).then(N=>c(N.data||N)).catch(N=>D(N.message,{kind:"error"})),w(null),K("/api/v1/conversations/"+e+"/read").catch(()=>{});let f=()=>K("/api/v1/conversations/"+e+"/viewing").catch(()=>{});f();let y=setInterval(f,2e4);return()=>clearInterval(y)},[e]);async function w(f){try{let y=await O("/api/v1/conversations/"+e+"/messages"+ae({cursor:f,limit:_o})),N=(y.data||[]).slice().reverse();d(G=>f?[...N,...G]:N),x(y.next_cursor||null)}catch(y){D(y.message,{kind:"error"})}}P(()=>tt((f,y)=>{if(f==="message.created"||f==="message.updated"){let N=y.message||y;if(N.conversation_id!==e)return;d(G=>kn(G,N)),f==="message.created"&&N.direction==="in"&&K("/api/v1/conversations/"+e+"/read").catch(()=>{})}else if(f==="conversation.updated"){let N=y.conversation||y;N.id===e&&c(G=>({...G,...N}))}}),[e]),P(()=>{let f=S.current;f&&M.current&&(f.scrollTop=f.scrollHeight)},[u]),P(()=>{let f=S.current;if(!f||typeof ResizeObserver>"u")return;let y=new ResizeObserver(()=>{M.current&&(f.scrollTop=f.scrollHeight)});return y.observe(f.firstElementChild),()=>y.disconnect()},[]);function A(f){let y=f.currentTarget;if(M.current=y.scrollHeight-y.scrollTop-y.clientHeight<80,y.scrollTop<40&&m){let N=m;x(null);let G=y.scrollHeight;w(N).then(()=>{y.scrollTop=y.scrollHeight-G})}}async function b(f){try{let y=await ce("/api/v1/conversations/"+e,f),N={...i,...y&&(y.data||y)};c(N),r(N)}catch(y){D(y.message,{kind:"error"})}}async function R(f,y){try{await(y?K:xe)("/api/v1/conversations/"+e+"/labels/"+f.id);let N=y?[...i.labels||[],f]:(i.labels||[]).filter(G=>G.id!==f.id);c({...i,labels:N}),r({...i,labels:N})}catch(N){D(N.message,{kind:"error"})}}let V=i&&i.status==="resolved";ot({e:()=>b({status:V?"open":"resolved"}),a:()=>document.getElementById("assign-select").focus(),r:()=>$.current&&$.current.focus("reply"),n:()=>$.current&&$.current.focus("note")});let J=new Map(u.filter(f=>f.wamid).map(f=>[f.wamid,f])),B=new Map;for(let f of u){if(f.type!=="reaction"||!f.content)continue;let y=f.content.message_id;B.set(y,[...B.get(y)||[],f])}let ge=i&&i.contact&&(i.contact.name||i.contact.phone||i.contact.wa_id),te=Object.entries(s.presence[e]||{}).filter(([f,y])=>Number(f)!==s.me.id&&Date.now()-y.at<3e4),[,ie]=h(0);P(()=>{if(!te.length)return;let f=setTimeout(()=>ie(y=>y+1),5e3);return()=>clearTimeout(f)});let _e="";return l`<div class="thread">
    <header class="thread-head">
      <button class="btn icon ghost back" onClick=${n}
        aria-label=${o("common.back")}><${I} name="back" /></button>
      <div class="thread-title">
        <h2><bdi>${ge||"\u2026"}</bdi></h2>
        <span class="muted">${i&&i.contact&&i.contact.phone}
          ${i&&i.status&&l` · ${o("status."+i.status)}`}
        </span>
      </div>
      <div class="thread-selects">
        <select id="assign-select" aria-label=${o("action.assign")}
          title=${o("action.assign")+" (a)"}
          value=${i&&i.assignee_id?String(i.assignee_id):""}
          onChange=${f=>b({assignee_id:Number(f.target.value)||null})}>
          <option value="">${o("tab.unassigned")}</option>
          ${s.users.filter(f=>!f.disabled).map(f=>l`<option
            value=${String(f.id)}>${f.id===s.me.id?o("assign.me",{name:f.name}):f.name||f.email}</option>`)}
        </select>
        <select aria-label=${o("action.team")}
          value=${i&&i.team_id?String(i.team_id):""}
          onChange=${f=>b({team_id:Number(f.target.value)||null})}>
          <option value="">${o("team.none")}</option>
          ${s.teams.map(f=>l`<option value=${String(f.id)}>
            ${f.name}</option>`)}
        </select>
        <select aria-label=${o("action.priority")}
          value=${String(i&&i.priority||0)}
          onChange=${f=>b({priority:Number(f.target.value)})}>
          ${Me.map((f,y)=>l`<option value=${String(y)}>
            ${o("prio."+f)}</option>`)}
        </select>
      </div>
      <div class="thread-actions">
        <button class="btn" onClick=${()=>E(!0)}
          title=${o("action.snooze")}><${I} name="clock" size=${16} />
          <span class="hide-sm">${o("action.snooze")}</span></button>
        <button class=${"btn "+(V?"":"primary")}
          onClick=${()=>b({status:V?"open":"resolved"})}
          title=${(V?o("action.reopen"):o("action.resolve"))+" (e)"}>
          <${I} name="check" size=${16} />
          <span class="hide-sm">${V?o("action.reopen"):o("action.resolve")}</span></button>
        <button class="btn icon ghost" onClick=${a}
          aria-label=${o("contact.pane")} title=${o("contact.pane")}>
          <${I} name="info" /></button>
      </div>
    </header>
    <div class="thread-sub">
      ${(i&&i.labels||[]).map(f=>l`<${pe} key=${f.id}
        label=${f} onRemove=${()=>R(f,!1)} />`)}
      ${s.labels.length>0&&l`<button class="btn link small"
        onClick=${()=>T(!z)}>+ ${o("action.label")}
        </button>`}
      ${z&&l`<select aria-label=${o("action.label")}
        onChange=${f=>{let y=s.labels.find(N=>String(N.id)===f.target.value);y&&R(y,!0),T(!1)}}>
        <option value="">${o("action.label")}</option>
        ${s.labels.filter(f=>!(i.labels||[]).some(y=>y.id===f.id)).map(f=>l`<option value=${String(f.id)}>${f.name}
          </option>`)}</select>`}
      ${i&&i.snoozed_until&&i.status==="snoozed"&&l`
        <span class="muted">${o("snooze.until",{when:new Date(i.snoozed_until).toLocaleString()})}</span>`}
      ${te.length>0&&l`<span class="presence" role="status">
        ${te.map(([f,y])=>o(y.type==="typing"?"presence.typing":"presence.viewing",{name:y.name||Ge(Number(f))||"#"+f})).join(" \xB7 ")}</span>`}
    </div>
    <div class="messages" ref=${S} onScroll=${A}
      role="log" aria-live="polite" aria-label=${o("inbox.thread")}>
      <div class="messages-inner">
      ${m&&l`<div class="muted center">${o("common.loading")}
        </div>`}
      ${u.filter(f=>f.type!=="reaction").map(f=>{let y=pn(f.created_at),N=y!==_e;return _e=y,l`${N&&l`<div class="day"><span>${y}</span>
          </div>`}<${bn} key=${f.id} m=${f}
          quoted=${f.reply_to_wamid&&J.get(f.reply_to_wamid)}
          reactions=${f.wamid&&B.get(f.wamid)}
          onZoom=${_} />`})}
    </div></div>
    ${i&&l`<${vn} bind=${$} conv=${i}
      onSent=${f=>d(y=>kn(y,f))} />`}
    ${p&&l`<${Q} title=${o("msg.image")} wide
      onClose=${()=>_(null)}><img class="zoomed" src=${p}
      alt="" /></${Q}>`}
    ${v&&l`<${ho} onClose=${()=>E(!1)}
      onPick=${f=>{E(!1),b({status:"snoozed",snoozed_until:f})}} />`}
  </div>`}function ho({onClose:e,onPick:t}){let[n,a]=h(""),r=new Date,s=(c,u=0)=>{let d=new Date(r);return d.setDate(d.getDate()+u),d.setHours(c,0,0,0),d.getTime()},i=[[o("snooze.hour"),Date.now()+36e5],[o("snooze.evening"),s(18)>Date.now()?s(18):s(18,1)],[o("snooze.tomorrow"),s(9,1)],[o("snooze.week"),s(9,7)]];return l`<${Q} title=${o("action.snooze")} onClose=${e}>
    <div class="stack">
      ${i.map(([c,u])=>l`<button class="btn wide"
        onClick=${()=>t(u)}>${c}</button>`)}
      <label>${o("snooze.custom")}<input type="datetime-local"
        value=${n} onInput=${c=>a(c.target.value)} /></label>
      <button class="btn primary" disabled=${!n}
        onClick=${()=>t(new Date(n).getTime())}>
        ${o("action.snooze")}</button>
    </div></${Q}>`}function $e({label:e,value:t,onSave:n,type:a="text"}){let[r,s]=h(t||"");return P(()=>s(t||""),[t]),l`<label class="field"><span class="field-label">${e}</span>
    <input class="inplace" type=${a} value=${r}
      onInput=${c=>s(c.target.value)} onBlur=${()=>{(t||"")!==r&&n(r)}}
      onKeyDown=${c=>{c.key==="Enter"&&c.target.blur(),c.key==="Escape"&&(s(t||""),c.target.blur())}} />
  </label>`}function xn({conversationId:e,contactId:t,summary:n,onClose:a}){let r=W(),[s,i]=h(null),[c,u]=h([]),[d,m]=h(""),[x,p]=h([]),[_,v]=h(!1);P(()=>{t&&(O("/api/v1/contacts/"+t).then($=>i($.data||$)).catch($=>{ue($)&&v(!0)}),O("/api/v1/contacts/"+t+"/notes").then($=>u($.data||[])).catch(()=>{}),O("/api/v1/conversations"+ae({contact_id:t,status:"all",limit:10})).then($=>p(($.data||[]).filter(M=>M.id!==e))).catch(()=>{}))},[t]);async function E($){try{let M=await ce("/api/v1/contacts/"+t,$);i({...s,...$,...M&&(M.data||M)})}catch(M){D(M.message,{kind:"error"})}}async function z($){if($.preventDefault(),!!d.trim())try{let M=await K("/api/v1/contacts/"+t+"/notes",{body:d.trim()});u([M.data||M,...c]),m("")}catch(M){D(M.message,{kind:"error"})}}async function T($,M){try{await(M?K:xe)("/api/v1/contacts/"+t+"/labels/"+$.id);let w=M?[...s.labels||[],$]:(s.labels||[]).filter(A=>A.id!==$.id);i({...s,labels:w})}catch(w){D(w.message,{kind:"error"})}}if(_&&n)return l`<${bo} c=${n}
    onClose=${a} />`;if(_||!t)return l`<div class="contact">
    <p class="muted pad">${o("contact.unavailable")}</p></div>`;if(!s)return l`<div class="contact"><p class="muted pad">
    ${o("common.loading")}</p></div>`;let S=s.attributes||{};return l`<div class="contact">
    <header class="contact-head">
      <${ve} name=${s.name||s.phone} size=${48} />
      <div><h3><bdi>${s.name||s.phone||s.wa_id}</bdi></h3>
        <span class="muted">${s.phone||s.wa_id}</span></div>
      <button class="btn icon ghost close-contact" onClick=${a}
        aria-label=${o("common.close")}><${I} name="x" /></button>
    </header>
    <section class="contact-sec">
      <${$e} label=${o("contact.name")} value=${s.name}
        onSave=${$=>E({name:$})} />
      <${$e} label=${o("contact.phone")} value=${s.phone}
        onSave=${$=>E({phone:$})} type="tel" />
      <${$e} label=${o("contact.email")} value=${s.email}
        onSave=${$=>E({email:$})} type="email" />
      ${r.attributes.filter($=>!$.model||$.model==="contact").map($=>l`<${$e} key=${$.key||$.id}
          label=${$.name||$.key} value=${S[$.key]==null?"":String(S[$.key])}
          onSave=${M=>E({attributes:{...S,[$.key]:M}})} />`)}
    </section>
    <section class="contact-sec">
      <h4>${o("contact.labels")}</h4>
      <div class="chips">${(s.labels||[]).map($=>l`<${pe}
        key=${$.id} label=${$} onRemove=${()=>T($,!1)} />`)}
      ${r.labels.length>0&&l`<select aria-label=${o("action.label")}
        onChange=${$=>{let M=r.labels.find(w=>String(w.id)===$.target.value);M&&T(M,!0),$.target.value=""}}>
        <option value="">+ ${o("action.label")}</option>
        ${r.labels.filter($=>!(s.labels||[]).some(M=>M.id===$.id)).map($=>l`<option value=${String($.id)}>${$.name}
          </option>`)}</select>`}</div>
    </section>
    <section class="contact-sec">
      <h4>${o("contact.notes")}</h4>
      <form onSubmit=${z} class="note-form">
        <textarea rows="2" value=${d} aria-label=${o("contact.add_note")}
          placeholder=${o("contact.add_note")}
          onInput=${$=>m($.target.value)} />
        <button class="btn small" type="submit" disabled=${!d.trim()}>
          ${o("common.save")}</button>
      </form>
      <ul class="notes">${c.map($=>l`<li key=${$.id}>
        <p><bdi>${$.body||$.text}</bdi></p><span class="muted"
        title=${Xe($.created_at)}>${de($.created_at)}</span>
        </li>`)}</ul>
    </section>
    <section class="contact-sec">
      <h4>${o("contact.history")}</h4>
      ${x.length===0&&l`<p class="muted">${o("contact.no_history")}
        </p>`}
      <ul class="history">${x.map($=>l`<li key=${$.id}>
        <a href=${"/inbox/"+$.id} onClick=${M=>{M.preventDefault(),ne("/inbox/"+$.id)}}>#${$.id} · ${o("status."+$.status)}
          · ${de($.last_message_at)}</a></li>`)}</ul>
    </section>
  </div>`}function bo({c:e,onClose:t}){return l`<div class="contact">
    <header class="contact-head">
      <${ve} name=${e.name||e.phone} size=${48} />
      <div><h3><bdi>${e.name||e.phone||e.wa_id}</bdi></h3>
        <span class="muted">${e.phone||e.wa_id}</span></div>
      <button class="btn icon ghost close-contact" onClick=${t}
        aria-label=${o("common.close")}><${I} name="x" /></button>
    </header>
    <section class="contact-sec">
      <div class="field"><span class="field-label">${o("contact.phone")}
        </span><span>${e.phone||"\u2014"}</span></div>
      <div class="field"><span class="field-label">WhatsApp ID</span>
        <span>${e.wa_id||"\u2014"}</span></div>
      <p class="muted">${o("contact.readonly")}</p>
    </section></div>`}var vo=["mine","unassigned","all"],yo=30;function ko(e,t,n){return ae({assignee:t.assignee||(e==="all"?"":e==="mine"?"me":"unassigned"),status:t.status,inbox_id:t.inbox_id,team_id:t.team_id,label:t.label,priority:t.priority,sort:t.sort,q:t.q,cursor:n,limit:yo})}function wo(e,t,n,a){return t==="mine"&&e.assignee_id!==a.id||t==="unassigned"&&e.assignee_id||n.status&&n.status!=="all"&&e.status!==n.status||n.inbox_id&&String(e.inbox_id)!==String(n.inbox_id)||n.team_id&&String(e.team_id)!==String(n.team_id)||n.priority&&String(e.priority)!==String(n.priority)?!1:!n.q}function Sn(e,t){return t==="waiting"?-(e.waiting_since||1/0):t==="priority"?(e.priority||0)*1e15+(e.last_message_at||0):e.last_message_at||0}function Cn({id:e}){let t=W(),[n,a]=h(()=>localStorage.getItem("parley.tab")||"mine"),[r,s]=h({status:"open",sort:"last_activity"}),[i,c]=h([]),[u,d]=h(null),[m,x]=h(!0),[p,_]=h(!1),[v,E]=h({}),[z,T]=h(new Set),[S,$]=h(!1),[M,w]=h(!1),[A,b]=h(!1),R=ee(null),V=ee(0),J=$t(async k=>{let H=k?V.current:++V.current;x(!0);try{let q=await O("/api/v1/conversations"+ko(n,r,k?u:""));if(H!==V.current)return;let ze=be().me,re=(q.data||[]).filter(oe=>n==="all"||(n==="mine"?oe.assignee_id===ze.id:!oe.assignee_id));c(oe=>k?[...oe,...re]:re),d(q.next_cursor||null),_(!1)}catch(q){ue(q)?_(!0):D(o("error.load",{what:q.message}),{kind:"error"})}finally{H===V.current&&x(!1)}},[n,r,u]),B=$t(()=>{O("/api/v1/conversations/counts").then(E).catch(()=>{})},[]);P(()=>{J(!1),T(new Set)},[n,r]),P(B,[]),P(()=>localStorage.setItem("parley.tab",n),[n]),P(()=>tt((k,H)=>{if(k==="conversation.created"||k==="conversation.updated"){let q=H.conversation||H;if(!q||!q.id)return;if(!q.contact){te(q.id);return}ge(q),B()}else if(k==="message.created"){let q=H.message||H;te(q.conversation_id),B()}}),[n,r,t.me]);function ge(k){c(H=>{let q=H.filter(oe=>oe.id!==k.id);if(!wo(k,n,r,be().me))return q;let ze={...H.find(oe=>oe.id===k.id)||{},...k},re=[...q,ze];return re.sort((oe,Re)=>Sn(Re,r.sort)-Sn(oe,r.sort)),re})}function te(k){k&&O("/api/v1/conversations/"+k).then(H=>ge(H.data||H)).catch(()=>{})}let ie=k=>ne(k?"/inbox/"+k:"/inbox"),_e=i.findIndex(k=>k.id===e);ot({j:()=>i.length&&ie(i[Math.min(_e+1,i.length-1)].id),k:()=>i.length&&ie(i[Math.max(_e-1,0)].id),"/":()=>R.current&&R.current.focus(),"?":()=>w(!0),Escape:()=>{w(!1),T(new Set)},x:()=>e&&f(e)});function f(k){T(H=>{let q=new Set(H);return q.has(k)?q.delete(k):q.add(k),q})}let y=ee(null);P(()=>{if(!y.current||!u)return;let k=new IntersectionObserver(H=>{H.some(q=>q.isIntersecting)&&!m&&J(!0)});return k.observe(y.current),()=>k.disconnect()},[u,m,J]);let N=(k,H)=>s(q=>({...q,[k]:H})),G=i.find(k=>k.id===e),Le=k=>{let H=v[k];return H==null?null:typeof H=="number"?H:H.unread??H.open??H.total};return l`<div class=${"inbox"+(e?" has-thread":"")+(S?" show-contact":"")}>
    <section class="list-pane" aria-label=${o("inbox.list")}>
      <header class="list-head">
        <div class="tabs" role="tablist">
          ${vo.map(k=>l`<button role="tab" key=${k}
            aria-selected=${n===k} class=${"tab"+(n===k?" active":"")} onClick=${()=>a(k)}>
            ${o("tab."+k)}${Le(k)?l` <span class="count">
              ${Le(k)}</span>`:""}</button>`)}
        </div>
        <div class="search-row">
          <label class="search"><${I} name="search" size=${16} />
            <span class="sr-only">${o("inbox.search")}</span>
            <input ref=${R} type="search" placeholder=${o("inbox.search")+"  /"} value=${r.q||""}
              onKeyDown=${k=>{k.key==="Escape"&&k.target.blur()}}
              onChange=${k=>N("q",k.target.value)} /></label>
          <button class=${"btn icon ghost"+(A?" on":"")}
            aria-expanded=${A} aria-label=${o("inbox.filters")}
            title=${o("inbox.filters")}
            onClick=${()=>b(!A)}>
            <${I} name="filter" size=${16} /></button>
        </div>
        ${A&&l`<${xo} f=${r} setF=${N}
          tab=${n} />`}
      </header>
      ${z.size>0&&l`<${Co} ids=${[...z]}
        done=${()=>{T(new Set),J(!1),B()}}
        all=${()=>T(new Set(i.map(k=>k.id)))} />`}
      <ul class="conv-list" role="listbox" aria-label=${o("inbox.list")}
        aria-multiselectable="true">
        ${i.map(k=>l`<${So} key=${k.id} c=${k}
          active=${k.id===e} checked=${z.has(k.id)}
          onOpen=${()=>ie(k.id)} onCheck=${()=>f(k.id)} />`)}
      </ul>
      ${u&&l`<div ref=${y} class="sentinel">
        ${o("common.loading")}</div>`}
      ${!m&&!i.length&&(p?l`<${me} title=${o("inbox.unavailable")}
            text=${o("inbox.unavailable.text")} />`:l`<${me} title=${o("inbox.empty")}
            text=${o("inbox.empty.text")} />`)}
    </section>
    <section class="thread-pane" aria-label=${o("inbox.thread")}>
      ${e?l`<${wn} key=${e} id=${e} summary=${G}
          onBack=${()=>ie(null)}
          onToggleContact=${()=>$(!S)}
          onChanged=${k=>ge(k)} />`:l`<${me} title=${o("inbox.pick")}
            text=${o("inbox.pick.text")} />`}
    </section>
    ${e&&l`<aside class="contact-pane" aria-label=${o("contact.pane")}>
      <${xn} key=${e} conversationId=${e}
        contactId=${G&&G.contact&&G.contact.id}
        summary=${G&&G.contact}
        onClose=${()=>$(!1)} /></aside>`}
    ${M&&l`<${yn} onClose=${()=>w(!1)} />`}
  </div>`}function xo({f:e,setF:t,tab:n}){let a=W(),r=(s,i,c)=>l`<label class="filter">
    <span>${i}</span>
    <select value=${e[s]||""} onChange=${u=>t(s,u.target.value)}>
      ${c.map(([u,d])=>l`<option value=${u}>${d}</option>`)}
    </select></label>`;return l`<div class="filters">
    ${r("status",o("f.status"),[["",o("f.any")],...["open","pending","snoozed","resolved","all"].map(s=>[s,o("status."+s)])])}
    ${r("sort",o("f.sort"),[["last_activity",o("sort.last_activity")],["waiting",o("sort.waiting")],["priority",o("sort.priority")]])}
    ${r("priority",o("f.priority"),[["",o("f.any")],...Me.map((s,i)=>[String(i),o("prio."+s)])])}
    ${a.inboxes.length>0&&r("inbox_id",o("f.inbox"),[["",o("f.any")],...a.inboxes.map(s=>[String(s.id),s.name])])}
    ${r("team_id",o("f.team"),[["",o("f.any")],...a.teams.map(s=>[String(s.id),s.name])])}
    ${a.labels.length>0&&r("label",o("f.label"),[["",o("f.any")],...a.labels.map(s=>[s.name,s.name])])}
    ${n==="all"&&r("assignee",o("f.assignee"),[["",o("f.any")],["me",o("tab.mine")],["unassigned",o("tab.unassigned")],...a.users.map(s=>[String(s.id),s.name||s.email])])}
  </div>`}function So({c:e,active:t,checked:n,onOpen:a,onCheck:r}){let s=e.contact&&(e.contact.name||e.contact.phone||e.contact.wa_id)||o("contact.unknown"),i=e.last_message;return l`<li role="option" aria-selected=${t}
    class=${"conv"+(t?" active":"")+(e.unread_count?" unread":"")+(n?" checked":"")}>
    <input type="checkbox" class="conv-check" checked=${n}
      onChange=${r} aria-label=${o("inbox.select",{name:s})} />
    <button class="conv-main" onClick=${a}>
      <${ve} name=${s} size=${36} />
      <span class="conv-text">
        <span class="conv-top"><bdi class="conv-name">${s}</bdi>
          <${gn} value=${e.priority} />
          <time class="conv-time">${de(e.last_message_at)}</time>
        </span>
        <span class="conv-bottom">
          <bdi class="conv-preview">${i?(i.direction==="out"?o("inbox.you")+": ":"")+wt(i):""}</bdi>
          ${e.unread_count>0&&l`<span class="badge"
            aria-label=${o("inbox.unread",{n:e.unread_count})}>
            ${e.unread_count}</span>`}
        </span>
        ${e.labels&&e.labels.length>0&&l`<span class="conv-labels">
          ${e.labels.slice(0,3).map(c=>l`<${pe} key=${c.id}
            label=${c} />`)}</span>`}
      </span>
    </button>
  </li>`}function Co({ids:e,done:t,all:n}){let a=W();async function r(i){try{await K("/api/v1/conversations/bulk",{ids:e,...i}),D(o("bulk.done",{n:e.length})),t()}catch(c){D(c.message,{kind:"error"})}}let s=(i,c,u)=>l`<select aria-label=${i}
    onChange=${d=>{d.target.value!==""&&u(d.target.value),d.target.value=""}}>
    <option value="">${i}</option>
    ${c.map(([d,m])=>l`<option value=${d}>${m}</option>`)}
  </select>`;return l`<div class="bulk-bar" role="toolbar"
    aria-label=${o("bulk.toolbar")}>
    <span class="bulk-count">${o("bulk.selected",{n:e.length})}</span>
    <button class="btn link" onClick=${n}>${o("bulk.all")}</button>
    ${s(o("action.assign"),[["0",o("tab.unassigned")],...a.users.map(i=>[String(i.id),i.name||i.email])],i=>r({assignee_id:Number(i)||null}))}
    ${s(o("action.team"),a.teams.map(i=>[String(i.id),i.name]),i=>r({team_id:Number(i)}))}
    ${s(o("action.status"),["open","pending","resolved"].map(i=>[i,o("status."+i)]),i=>r({status:i}))}
    ${s(o("action.priority"),Me.map((i,c)=>[String(c),o("prio."+i)]),i=>r({priority:Number(i)}))}
    ${a.labels.length>0&&s(o("action.label"),a.labels.map(i=>[String(i.id),i.name]),i=>r({add_labels:[Number(i)]}))}
  </div>`}function Mn({id:e}){let t=W(),[n,a]=h(""),[r,s]=h(""),[i,c]=h({key:"",value:""}),[u,d]=h([]),[m,x]=h(null),[p,_]=h(!1),[v,E]=h(new Set),[z,T]=h(!1),[S,$]=h(!1);async function M(b){try{let R=await O("/api/v1/contacts"+ae({q:n,label:r,attribute:i.key&&i.value?i.key+":"+i.value:"",cursor:b?m:"",limit:50}));d(b?[...u,...R.data]:R.data),x(R.next_cursor||null)}catch(R){ue(R)?_(!0):D(R.message,{kind:"error"})}}P(()=>{M(!1)},[n,r,i.key,i.value]);let w=b=>E(R=>{let V=new Set(R);return V.has(b)?V.delete(b):V.add(b),V}),A=e&&u.find(b=>String(b.id)===String(e));return l`<div class="contacts-page">
    <section class="contacts-list">
      <header class="page-head"><h1>${o("nav.contacts")}</h1>
        <div class="head-actions">
          <a class="btn" href="/api/v1/contacts/export.csv" download>
            ${o("contacts.export")}</a>
          <button class="btn" onClick=${()=>$(!0)}>
            ${o("contacts.import")}</button>
          <button class="btn" disabled=${v.size<2}
            onClick=${()=>T(!0)}>${o("contacts.merge")}</button>
        </div></header>
      <div class="filters row">
        <label class="search grow"><${I} name="search" size=${16} />
          <span class="sr-only">${o("contacts.search")}</span>
          <input type="search" placeholder=${o("contacts.search")}
            value=${n} onChange=${b=>a(b.target.value)} /></label>
        ${t.labels.length>0&&l`<select aria-label=${o("f.label")}
          value=${r} onChange=${b=>s(b.target.value)}>
          <option value="">${o("f.label")}: ${o("f.any")}</option>
          ${t.labels.map(b=>l`<option value=${b.name}>${b.name}
          </option>`)}</select>`}
        ${t.attributes.length>0&&l`<select aria-label=${o("contacts.attribute")} value=${i.key} onChange=${b=>c({...i,key:b.target.value})}>
          <option value="">${o("contacts.attribute")}</option>
          ${t.attributes.map(b=>l`<option value=${b.key}>${b.name||b.key}</option>`)}</select>
          <input aria-label=${o("contacts.attr_value")} value=${i.value}
            placeholder=${o("contacts.attr_value")}
            onChange=${b=>c({...i,value:b.target.value})}
            />`}
      </div>
      ${p?l`<${me} title=${o("contacts.unavailable")} />`:u.length===0?l`<${me} title=${o("contacts.empty")} />`:l`<table class="table">
        <thead><tr><th class="narrow"><span class="sr-only">
          ${o("common.select")}</span></th><th>${o("contact.name")}</th>
          <th>${o("contact.phone")}</th><th class="hide-sm">
          ${o("contact.labels")}</th><th class="hide-sm">
          ${o("contacts.last_seen")}</th></tr></thead>
        <tbody>${u.map(b=>l`<tr key=${b.id}
          class=${String(b.id)===String(e)?"active":""}>
          <td><input type="checkbox" checked=${v.has(b.id)}
            aria-label=${o("inbox.select",{name:b.name||b.phone})}
            onChange=${()=>w(b.id)} /></td>
          <td><a href=${"/contacts/"+b.id} onClick=${R=>{R.preventDefault(),ne("/contacts/"+b.id)}}
            class="row-link"><${ve} name=${b.name||b.phone}
            size=${24} /><bdi>${b.name||"\u2014"}</bdi></a></td>
          <td>${b.phone||b.wa_id}</td>
          <td class="hide-sm">${(b.labels||[]).map(R=>l`<${pe}
            key=${R.id} label=${R} />`)}</td>
          <td class="hide-sm">${de(b.last_seen_at||b.updated_at)}
          </td></tr>`)}</tbody></table>`}
      ${m&&l`<button class="btn wide" onClick=${()=>M(!0)}>
        ${o("common.more")}</button>`}
    </section>
    ${e&&l`<aside class="contact-side">
      <${Mo} id=${e} initial=${A}
        onClose=${()=>ne("/contacts")}
        onSaved=${b=>d(u.map(R=>R.id===b.id?{...R,...b}:R))} /></aside>`}
    ${z&&l`<${To} rows=${u.filter(b=>v.has(b.id))}
      onClose=${()=>T(!1)} onDone=${()=>{T(!1),E(new Set),M(!1)}} />`}
    ${S&&l`<${zo} onClose=${()=>$(!1)}
      onDone=${()=>M(!1)} />`}
  </div>`}function Mo({id:e,initial:t,onClose:n,onSaved:a}){let r=W(),[s,i]=h(t||null);P(()=>{O("/api/v1/contacts/"+e).then(d=>i(d.data||d)).catch(d=>D(d.message,{kind:"error"}))},[e]);async function c(d){try{let m=await ce("/api/v1/contacts/"+e,d),x={...s,...d,...m&&(m.data||m)};i(x),a(x),D(o("common.saved"))}catch(m){D(m.message,{kind:"error"})}}if(!s)return l`<p class="muted">${o("common.loading")}</p>`;let u=s.attributes||{};return l`<div class="contact">
    <header class="contact-head"><${ve} name=${s.name||s.phone}
      size=${40} /><h3><bdi>${s.name||s.phone}</bdi></h3>
      <button class="btn icon ghost" onClick=${n}
        aria-label=${o("common.close")}><${I} name="x" /></button>
    </header>
    <section class="contact-sec">
      <${$e} label=${o("contact.name")} value=${s.name}
        onSave=${d=>c({name:d})} />
      <${$e} label=${o("contact.phone")} value=${s.phone}
        onSave=${d=>c({phone:d})} type="tel" />
      <${$e} label=${o("contact.email")} value=${s.email}
        onSave=${d=>c({email:d})} type="email" />
      ${r.attributes.map(d=>l`<${$e} key=${d.key}
        label=${d.name||d.key} value=${u[d.key]==null?"":String(u[d.key])}
        onSave=${m=>c({attributes:{...u,[d.key]:m}})} />`)}
    </section></div>`}function To({rows:e,onClose:t,onDone:n}){let[a,r]=h(e[0]&&e[0].id);async function s(){try{await K("/api/v1/contacts/merge",{primary_id:a,duplicate_ids:e.map(i=>i.id).filter(i=>i!==a)}),D(o("contacts.merged")),n()}catch(i){D(i.message,{kind:"error"})}}return l`<${Q} title=${o("contacts.merge")} onClose=${t}>
    <p>${o("contacts.merge.text")}</p>
    <fieldset class="stack">${e.map(i=>l`<label class="radio"
      key=${i.id}><input type="radio" name="keep" checked=${a===i.id}
      onChange=${()=>r(i.id)} /><bdi>${i.name||"\u2014"}</bdi>
      <span class="muted">${i.phone||i.wa_id}</span></label>`)}
    </fieldset>
    <button class="btn primary" onClick=${s}>${o("contacts.merge.go",{n:Ne(e.length)})}</button></${Q}>`}function zo({onClose:e,onDone:t}){let[n,a]=h(null),[r,s]=h(null);async function i(){try{let c=await we("POST","/api/v1/contacts/import",await n.text(),{"Content-Type":"text/csv"});s(c&&(c.data||c)||{}),t()}catch(c){D(c.message,{kind:"error"})}}return l`<${Q} title=${o("contacts.import")} onClose=${e}>
    <p>${o("contacts.import.text")}</p>
    <input type="file" accept=".csv,text/csv" aria-label=${o("contacts.import.file")}
      onChange=${c=>a(c.target.files[0]||null)} />
    ${r&&l`<p role="status">${o("contacts.import.result",{created:Ne(r.created||0),updated:Ne(r.updated||0),failed:Ne((r.errors||[]).length||r.failed||0)})}</p>`}
    <button class="btn primary" disabled=${!n} onClick=${i}>
      ${o("contacts.import")}</button></${Q}>`}var Tn={agent:1,supervisor:2,administrator:3},Do=[["profile","agent"],["shortcuts","agent"],["labels","supervisor"],["canned","supervisor"],["agents","administrator"],["teams","administrator"],["attributes","administrator"],["inboxes","administrator"],["tokens","administrator"]];function zn({section:e}){let t=W(),n=Tn[t.me.role]||1,a=Do.filter(([,s])=>Tn[s]<=n),r=a.find(([s])=>s===e)?e:"profile";return l`<div class="settings">
    <nav class="settings-nav" aria-label=${o("nav.settings")}>
      <h1>${o("nav.settings")}</h1>
      ${a.map(([s])=>l`<a key=${s} href=${"/settings/"+s}
        onClick=${Qe} class=${"snav"+(s===r?" active":"")}
        aria-current=${s===r?"page":void 0}>
        ${o("settings."+s)}</a>`)}
    </nav>
    <section class="settings-body">${Eo(r)}</section>
  </div>`}function Eo(e){switch(e){case"shortcuts":return l`<${No} />`;case"agents":return l`<${Te} key="agents" path="/api/v1/users"
    title=${o("settings.agents")} store="users" fields=${[{key:"name",label:o("f.name"),required:!0},{key:"email",label:o("f.email"),type:"email",required:!0,createOnly:!0},{key:"role",label:o("f.role"),options:["agent","supervisor","administrator"].map(t=>[t,o("role."+t)])},{key:"password",label:o("f.password"),type:"password",createOnly:!0,required:!0},{key:"disabled",label:o("f.disabled"),type:"checkbox",editOnly:!0}]} columns=${[["name",o("f.name")],["email",o("f.email")],["role",o("f.role"),t=>o("role."+t)],["disabled",o("f.state"),t=>t?o("f.disabled"):o("f.active")]]} noDelete />`;case"teams":return l`<${Te} key="teams" path="/api/v1/teams"
    title=${o("settings.teams")} store="teams" fields=${[{key:"name",label:o("f.name"),required:!0},{key:"description",label:o("f.description")}]}
    columns=${[["name",o("f.name")],["description",o("f.description")],["member_count",o("f.members")]]} extra=${Io} />`;case"labels":return l`<${Te} key="labels" path="/api/v1/labels"
    title=${o("settings.labels")} store="labels" fields=${[{key:"name",label:o("f.name"),required:!0},{key:"color",label:o("f.color"),type:"color"}]}
    columns=${[["name",o("f.name"),(t,n)=>l`<${pe} label=${n} />`]]}
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
    columns=${[["name",o("f.name")],["prefix",o("f.prefix")],["created_at",o("f.created"),t=>de(t)],["last_used_at",o("f.last_used"),t=>t?de(t):"\u2014"]]}
    noEdit showSecret="token" />`;default:return l`<${Ao} />`}}function Te({path:e,title:t,fields:n,columns:a,store:r,noCreate:s,noEdit:i,noDelete:c,extra:u,showSecret:d}){let[m,x]=h(null),[p,_]=h(null),[v,E]=h(!1),[z,T]=h("");async function S(){try{let w=await O(e+"?limit=200");x(w.data||[]),r&&X({[r]:w.data||[]})}catch(w){ue(w)?E(!0):D(w.message,{kind:"error"}),x([])}}P(()=>{S()},[e]);async function $(w){try{if(p.id)await ce(e+"/"+p.id,w);else{let A=await K(e,w);d&&A&&A[d]&&T(A[d])}_(null),D(o("common.saved")),S()}catch(A){D(A.message,{kind:"error"})}}async function M(w){if(confirm(o("common.confirm_delete",{name:w.name||w.id})))try{await xe(e+"/"+w.id),S()}catch(A){D(A.message,{kind:"error"})}}return v?l`<h2>${t}</h2><${me}
    title=${o("settings.unavailable")} />`:l`<div>
    <header class="page-head"><h2>${t}</h2>
      ${!s&&l`<button class="btn primary"
        onClick=${()=>_({})}>${o("common.add")}</button>`}</header>
    ${z&&l`<div class="secret" role="alert"><p>
      ${o("tokens.once")}</p><code>${z}</code>
      <button class="btn small" onClick=${()=>T("")}>
        ${o("common.done")}</button></div>`}
    ${m===null?l`<p class="muted">${o("common.loading")}</p>`:m.length===0?l`<${me} title=${o("settings.none")} />`:l`<table class="table"><thead><tr>
        ${a.map(([w,A])=>l`<th key=${w}>${A}</th>`)}
        <th class="narrow"><span class="sr-only">${o("common.actions")}
        </span></th></tr></thead>
        <tbody>${m.map(w=>l`<tr key=${w.id}>
          ${a.map(([A,,b])=>l`<td key=${A}>${b?b(w[A],w):w[A]==null?"\u2014":String(w[A])}</td>`)}
          <td class="row-actions">
            ${!i&&l`<button class="btn small"
              onClick=${()=>_(w)}>${o("common.edit")}</button>`}
            ${!c&&l`<button class="btn small danger"
              onClick=${()=>M(w)}>${i?o("tokens.revoke"):o("common.delete")}</button>`}
          </td></tr>`)}</tbody></table>`}
    ${p&&l`<${Q} title=${p.id?o("common.edit"):o("common.add")} onClose=${()=>_(null)}>
      <${Po} fields=${n.filter(w=>p.id?!w.createOnly:!w.editOnly)} initial=${p} onSubmit=${$} />
      ${u&&p.id&&l`<${u} row=${p} />`}
    </${Q}>`}
  </div>`}function Po({fields:e,initial:t,onSubmit:n}){let[a,r]=h(()=>Object.fromEntries(e.map(i=>[i.key,t[i.key]??(i.options?i.options[0][0]:i.type==="color"?"#4f46e5":i.type==="checkbox"?!1:"")])));return l`<form class="stack" onSubmit=${i=>{i.preventDefault();let c={};for(let u of e)t[u.key]!==a[u.key]&&(c[u.key]=a[u.key]);n(c)}}>
    ${e.map(i=>l`<label key=${i.key} class=${i.type==="checkbox"?"check":""}>${i.type!=="checkbox"&&i.label}
      ${i.options?l`<select value=${a[i.key]} onChange=${c=>r({...a,[i.key]:c.target.value})}>${i.options.map(([c,u])=>l`<option value=${c}>${u}</option>`)}</select>`:i.type==="textarea"?l`<textarea rows="4" value=${a[i.key]}
          required=${i.required} onInput=${c=>r({...a,[i.key]:c.target.value})} />`:i.type==="checkbox"?l`<input type="checkbox"
          checked=${a[i.key]} onChange=${c=>r({...a,[i.key]:c.target.checked})} /> ${i.label}`:l`<input type=${i.type||"text"} value=${a[i.key]}
          required=${i.required} onInput=${c=>r({...a,[i.key]:c.target.value})} />`}</label>`)}
    <button class="btn primary" type="submit">${o("common.save")}</button>
  </form>`}function Io({row:e}){let t=W(),[n,a]=h([]),r="/api/v1/teams/"+e.id+"/members",s=()=>O(r).then(c=>a((c.data||[]).map(u=>u.user_id||u.id))).catch(()=>{});P(()=>{s()},[e.id]);async function i(c,u){try{await(u?_t:xe)(r+"/"+c),s()}catch(d){D(d.message,{kind:"error"})}}return l`<fieldset class="members"><legend>${o("f.members")}</legend>
    ${t.users.map(c=>l`<label class="check" key=${c.id}>
      <input type="checkbox" checked=${n.includes(c.id)}
        onChange=${u=>i(c.id,u.target.checked)} />
      ${c.name||c.email}</label>`)}</fieldset>`}function Ao(){let e=W(),[t,n]=h({name:e.me.name||"",locale:e.me.locale||"en",timezone:e.me.timezone||""}),[a,r]=h({current_password:"",new_password:""}),s=typeof Intl.supportedValuesOf=="function"?Intl.supportedValuesOf("timeZone"):[];async function i(u){u.preventDefault();try{let d={};for(let[p,_]of Object.entries(t))_!==""&&_!==(e.me[p]||"")&&(d[p]=_);let m=await ce("/api/v1/me",d),x=m&&(m.user||m)||{};X({me:{...e.me,...t,...x}}),Ae(t.locale,t.timezone),X({}),D(o("common.saved"))}catch(d){D(d.message,{kind:"error"})}}async function c(u){u.preventDefault();try{await ce("/api/v1/me",a),r({current_password:"",new_password:""}),D(o("profile.pw_changed"))}catch(d){D(d.message,{kind:"error"})}}return l`<div class="narrow-col">
    <h2>${o("settings.profile")}</h2>
    <form class="stack" onSubmit=${i}>
      <label>${o("f.name")}<input value=${t.name} onInput=${u=>n({...t,name:u.target.value})} /></label>
      <label>${o("f.language")}<select value=${t.locale} onChange=${u=>n({...t,locale:u.target.value})}>
        <option value="en">English</option><option value="ko">한국어</option>
      </select></label>
      <label>${o("f.timezone")}<input list="zones" value=${t.timezone}
        onInput=${u=>n({...t,timezone:u.target.value})} />
        <datalist id="zones">${s.map(u=>l`<option value=${u} />`)}
        </datalist></label>
      <button class="btn primary" type="submit">${o("common.save")}</button>
    </form>
    <h3>${o("profile.password")}</h3>
    <form class="stack" onSubmit=${c}>
      <label>${o("profile.current")}<input type="password"
        autocomplete="current-password" value=${a.current_password}
        onInput=${u=>r({...a,current_password:u.target.value})}
        /></label>
      <label>${o("profile.new")}<input type="password"
        autocomplete="new-password" value=${a.new_password}
        onInput=${u=>r({...a,new_password:u.target.value})} />
      </label>
      <button class="btn" type="submit" disabled=${!a.current_password||!a.new_password}>${o("profile.change")}</button>
    </form></div>`}function No(){let e=W(),[t,n]=h(""),[a,r]=h("");async function s(c){X({shortcuts:c});try{await _t("/api/v1/me/shortcuts",{data:c})}catch{localStorage.setItem("parley.shortcuts",JSON.stringify(c))}}function i(c){if(["Control","Shift","Alt","Meta","Tab"].includes(c.key))return;c.preventDefault();let u=[];c.ctrlKey&&u.push("Ctrl"),c.altKey&&u.push("Alt"),c.shiftKey&&u.push("Shift"),c.metaKey&&u.push("Meta"),u.push(c.key.length===1?c.key.toUpperCase():c.key),n(u.join("+"))}return l`<div class="narrow-col"><h2>${o("settings.shortcuts")}</h2>
    <p class="muted">${o("shortcuts.text")}</p>
    <ul class="plain">${(e.shortcuts||[]).map((c,u)=>l`<li key=${u}>
      <kbd>${c.keys}</kbd> → ${(e.canned.find(d=>d.id===c.canned_id)||{}).title||"?"} <button class="btn small" onClick=${()=>s(e.shortcuts.filter((d,m)=>m!==u))}>${o("common.delete")}
      </button></li>`)}</ul>
    ${e.canned.length===0?l`<p class="muted">${o("shortcuts.nocanned")}
      </p>`:l`<form class="stack" onSubmit=${c=>{c.preventDefault(),t&&a&&s([...e.shortcuts||[],{keys:t,canned_id:Number(a)}]),n("")}}>
      <label>${o("shortcuts.keys")}<input value=${t} readonly
        onKeyDown=${i} placeholder=${o("shortcuts.press")} /></label>
      <label>${o("shortcuts.canned")}<select value=${a}
        onChange=${c=>r(c.target.value)}><option value="">—
        </option>${e.canned.map(c=>l`<option value=${String(c.id)}>
        ${c.title}</option>`)}</select></label>
      <button class="btn primary" type="submit" disabled=${!t||!a}>
        ${o("common.add")}</button></form>`}</div>`}async function Dn(){let e=c=>O(c).then(u=>u&&u.data||[]).catch(u=>ue(u)||u.status===403?[]:Promise.reject(u)),[t,n,a,r,s,i]=await Promise.all(["/api/v1/users?limit=200","/api/v1/teams?limit=200","/api/v1/labels","/api/v1/inboxes","/api/v1/canned-replies","/api/v1/attributes"].map(c=>e(c).catch(()=>[])));X({users:t,teams:n,labels:a,inboxes:r,canned:s,attributes:i}),O("/api/v1/me/shortcuts").then(c=>X({shortcuts:c&&c.data||c||[]})).catch(()=>X({shortcuts:JSON.parse(localStorage.getItem("parley.shortcuts")||"[]")}))}function En(e){sn(e.csrf_token),Ae(e.user.locale,e.user.timezone||e.account&&e.account.timezone),X({me:e.user,account:e.account||be().account})}function Lo(e,t){let n=be(),a=(r,s)=>r.some(i=>i.id===s.id)?r.map(i=>i.id===s.id?{...i,...s}:i):[...r,s];if(e.startsWith("team.")&&t&&t.id&&X({teams:e==="team.deleted"?n.teams.filter(r=>r.id!==t.id):a(n.teams,t.team||t)}),e.startsWith("user.")&&t&&t.id&&X({users:a(n.users,t.user||t)}),e==="presence"||e==="viewing"||e==="typing"){let r=t.conversation_id||0,s={...n.presence[r]||{}};s[t.user_id]={type:e,at:Date.now(),until:t.until,name:t.name},X({presence:{...n.presence,[r]:s}})}}function Pn(){let e=W(),t=cn(),[n,a]=h(!0);return P(()=>{rn(()=>{X({me:null}),ne("/login")}),O("/api/v1/me").then(async r=>{En(r),await Dn(),(t[0]==="login"||t.length===0)&&ne("/inbox",{replace:!0})}).catch(()=>{Ae(navigator.language),t[0]!=="login"&&ne("/login",{replace:!0})}).finally(()=>a(!1))},[]),P(()=>{if(e.me)return ln((r,s)=>{Lo(r,s),hn(r,s)},r=>X({online:r}))},[e.me&&e.me.id]),n?l`<div class="boot" aria-busy="true"></div>`:!e.me||t[0]==="login"?l`<${_n} onDone=${async r=>{En(r),await Dn(),ne("/inbox")}} />`:l`<${Ho} route=${t} />`}function Ct({href:e,icon:t,label:n,active:a}){return l`<a href=${e} onClick=${Qe} class=${"nav-link"+(a?" active":"")} aria-current=${a?"page":void 0}
    title=${n}><${I} name=${t} /><span>${n}</span></a>`}async function Ro(){try{await K("/api/v1/auth/logout")}catch{}X({me:null}),ne("/login")}function Ho({route:e}){let t=W(),n=e[0]||"inbox",a;return n==="contacts"?a=l`<${Mn} id=${e[1]} />`:n==="settings"?a=l`<${zn} section=${e[1]} />`:a=l`<${Cn} id=${e[1]?Number(e[1]):null} />`,l`<div class="shell">
    <nav class="rail" aria-label=${o("nav.main")}>
      <div class="brand" aria-hidden="true"><${I} name="logo" /></div>
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
        <button class="nav-link" onClick=${Ro} title=${o("nav.signout")}
          aria-label=${o("nav.signout")}><${I} name="logout" />
          <span>${o("nav.signout")}</span></button>
      </div>
    </nav>
    <main class="page">${a}</main>
    ${!t.online&&l`<div class="offline-bar" role="status">
      ${o("conn.reconnecting")}</div>`}
    <${$n} />
  </div>`}Ot(l`<${Pn} />`,document.getElementById("app"));"serviceWorker"in navigator&&location.protocol!=="file:"&&addEventListener("load",()=>{navigator.serviceWorker.register("/sw.js",{scope:"/"}).catch(()=>{})});
