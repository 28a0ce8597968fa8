(function(){
var svg=document.getElementById('map'),tip=document.getElementById('tip');
var top0=${top0},h=${rowHeight};
var rows=Array.prototype.slice.call(svg.querySelectorAll('g.row'));
function num(g,a){return parseFloat(g.getAttribute(a));}
var orders={worst:function(a,b){return num(a,'data-share')-num(b,'data-share')||num(b,'data-missing')-num(a,'data-missing')||num(b,'data-unhealthy')-num(a,'data-unhealthy')||a.dataset.site.localeCompare(b.dataset.site);},
  name:function(a,b){return a.dataset.site.localeCompare(b.dataset.site);}};
function order(kind){rows.sort(orders[kind]);rows.forEach(function(g,i){
  g.setAttribute('transform','translate(0,'+(top0+i*h)+')');svg.appendChild(g);});
  ['worst','name'].forEach(function(k){document.getElementById(k).classList.toggle('on',k===kind);});}
document.getElementById('worst').onclick=function(){order('worst');};
document.getElementById('name').onclick=function(){order('name');};
svg.querySelector('.sort-worst').onclick=function(){order('worst');};
svg.querySelector('.sort-name').onclick=function(){order('name');};
svg.addEventListener('mousemove',function(e){var r=e.target;
  if(!r.dataset||!r.dataset.v){tip.hidden=true;return;}
  var v=r.dataset.v.split(','),g=r.parentNode,site=g.dataset.site||'all sites';
  var open=v[0]-v[5],share=open>0?(100*(+v[1]+ +v[2])/open).toFixed(1)+'%':'-';
  tip.textContent=site+'  '+r.dataset.day+'\nhealthy '+share+' of '+open+' open increments'+
    '\nhealthy '+v[1]+', recovered '+v[2]+', unhealthy '+v[3]+', missing '+v[4]+', closed '+v[5];
  tip.hidden=false;tip.style.left=(e.clientX+14)+'px';tip.style.top=(e.clientY+14)+'px';});
svg.addEventListener('mouseleave',function(){tip.hidden=true;});
if(location.hash==='#name'){order('name');}
})();
