'use strict';

// Marks the page as loaded; a browser check fails on any console error this script would raise.
document.body.dataset.loaded = 'true';
