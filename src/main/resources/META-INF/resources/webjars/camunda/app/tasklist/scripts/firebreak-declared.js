// Firebreak: after "Start process → Incident" Tasklist says only "The process has been started."
// This script watches Tasklist's start-form submissions (POST …/process-definition/…/submit-form)
// and, when the started instance carries an incident key as business key, shows a notice with the
// key and a link to the incident page. It reads only the answer Tasklist already received: no
// extra request, no extra permission. Text is set with textContent, never as HTML.
const SUBMIT = /\/process-definition\/[^/]+(\/[^/]+)?\/submit-form(\?|$)/;

function show(key) {
  const old = document.getElementById('firebreak-declared');
  if (old) {
    old.remove();
  }
  const box = document.createElement('div');
  box.id = 'firebreak-declared';
  box.setAttribute('role', 'status');
  box.style.cssText = 'position:fixed;top:56px;left:50%;transform:translateX(-50%);z-index:2000;'
    + 'background:#e6f4ea;border:1px solid #7bb98a;border-radius:6px;padding:12px 16px;'
    + 'box-shadow:0 2px 8px rgba(0,0,0,.2);font-size:16px;max-width:90vw;color:#1d2330';
  const text = document.createElement('span');
  text.textContent = 'Incident ';
  const strong = document.createElement('strong');
  strong.id = 'firebreak-declared-key';
  strong.textContent = key;
  text.appendChild(strong);
  text.appendChild(document.createTextNode(' declared. Quote this key when you talk about it. '));
  const link = document.createElement('a');
  link.id = 'firebreak-declared-link';
  link.href = '/incidents/' + encodeURIComponent(key);
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = 'Open the incident page';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close');
  close.style.cssText = 'margin-left:12px;border:0;background:none;font-size:20px;cursor:pointer';
  close.onclick = () => box.remove();
  box.appendChild(text);
  box.appendChild(link);
  box.appendChild(close);
  document.body.appendChild(box);
}

function started(url, status, body) {
  if (status < 200 || status >= 300 || !SUBMIT.test(url || '')) {
    return;
  }
  try {
    const instance = JSON.parse(body);
    if (instance && typeof instance.businessKey === 'string' && instance.businessKey) {
      show(instance.businessKey);
    }
  } catch (e) {
    // Not an instance: nothing to show.
  }
}

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url) {
  this.firebreakUrl = String(method).toUpperCase() === 'POST' ? String(url) : null;
  return open.apply(this, arguments);
};
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function () {
  if (this.firebreakUrl) {
    this.addEventListener('load', () => {
      const body = this.responseType === '' || this.responseType === 'text' ? this.responseText
        : JSON.stringify(this.response);
      started(this.firebreakUrl, this.status, body);
    });
  }
  return send.apply(this, arguments);
};

export default {};
