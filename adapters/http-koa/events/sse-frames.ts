/**
 * Server-sent events framing (WHATWG HTML, "Server-sent events"): fields end with LF and an event with a
 * blank line. JSON.stringify escapes CR and LF, so an envelope is always one `data:` line.
 */
export const eventFrame = (id: string, type: string, json: string): string => `id: ${id}\nevent: ${type}\ndata: ${json}\n\n`;

/** A comment line: ignored by clients, it keeps proxies and the connection from timing out. */
export const commentFrame = (text: string): string => `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;

/** How long a client waits before reconnecting. */
export const retryFrame = (ms: number): string => `retry: ${Math.round(ms)}\n\n`;

export const resetFrame = 'event: reset\ndata: {}\n\n';
