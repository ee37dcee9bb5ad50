export default {
  env: { ...process.env },
};
