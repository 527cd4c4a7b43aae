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
 * Reports a failed call from the core in the status line.
 * @param {{message?: string}} err
 * @param {string} [doing] what the window was trying to do ("Could not load the list")
 */
export function announceError(err, doing) {
  const message = (err && err.message) || 'Something went wrong.';
  announce(doing ? `${doing}: ${message}` : message, { error: true });
}
