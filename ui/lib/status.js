// The small status line at the bottom of the window (aria-live="polite"): "Saved.", "Loading the demo book…",
// or what went wrong. Messages stay a few seconds; errors stay until the next message.

let region = null;
let timer = 0;

/**
 * Says something in the status line.
 * @param {string} message
 * @param {{error?: boolean, sticky?: boolean}} [options] an error or a sticky message stays until replaced
 */
export function announce(message, { error = false, sticky = false } = {}) {
  region = region || document.getElementById('status');
  clearTimeout(timer);
  region.textContent = message;
  region.classList.toggle('is-error', error);
  if (message && !error && !sticky) {
    timer = setTimeout(() => { region.textContent = ''; }, 5000);
  }
}

/**
 * Says something with one action beside it ("Dismissed: Ana. Undo"), for longer than a plain message: the
 * action's button is a real button, reachable with Tab, and goes when the message does.
 * @param {string} message
 * @param {string} label the action's name
 * @param {() => void} act
 */
export function announceWithAction(message, label, act) {
  announce(message, { sticky: true });
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button small status-action';
  button.textContent = label;
  button.addEventListener('click', () => {
    region.textContent = '';
    act();
  });
  region.append(' ', button);
  timer = setTimeout(() => { region.textContent = ''; }, 10000);
}

/**
 * Reports a failed call from the core in the status line.
 * @param {{message?: string}} err
 * @param {string} [doing] what the window was trying to do ("Could not load the list")
 */
export function announceError(err, doing) {
  const message = (err && err.message) || 'Something went wrong.';
  announce(doing ? `${doing}: ${message}` : message, { error: true });
}
