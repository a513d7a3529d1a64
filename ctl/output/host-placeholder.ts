/**
 * The agent cannot know how a caller reaches it, so its advice says HOST
 * ("reboot with: altctl reboot HOST --yes"). altctl knows: human output names the
 * host it was given. JSON keeps the placeholder, a template scripts can fill.
 */
let displayHost: string | undefined;

export function setDisplayHost(host: string | undefined): void {
  displayHost = host;
}

export function fillHost(text: string): string {
  return displayHost ? text.replace(/\bHOST\b/g, displayHost) : text;
}
