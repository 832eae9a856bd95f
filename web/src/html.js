// htm bound to Preact's h: html`<div class=${x}>...</div>` everywhere.
// htm builds vnodes, never strings, so interpolated text is always text.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
