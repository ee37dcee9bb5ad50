export default {
  env: {},
};
