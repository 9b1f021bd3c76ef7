// The API's decorators need reflect-metadata loaded before its modules (as in the api jest projects).
require(
  require.resolve("reflect-metadata", {
    paths: [require("node:path").join(__dirname, "..", "..", "api")],
  }),
);
