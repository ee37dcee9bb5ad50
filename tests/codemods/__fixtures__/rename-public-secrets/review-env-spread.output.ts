// tenant-guard: review: `...process.env` sends every variable to the browser: list the public ones by name (which ones the client needs is yours to say)
export default {
  env: { ...process.env },
};
