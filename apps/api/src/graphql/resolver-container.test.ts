import { graphql } from "graphql";
import { Query, Resolver } from "type-graphql";
import { resolversOf } from "./resolver-container";
import { buildAppSchema } from "./schema";
import { schemaShape } from "./schema-shape";

/** A newcomer's feature: a resolver with a service, built by its own factory. */
@Resolver()
class PingResolver {
  constructor(private readonly service: { ping(): string }) {}

  @Query(() => String, { description: "Answers with the service's word." })
  ping(): string {
    return this.service.ping();
  }
}

test("a feature's resolver instance is served with its own service, beside the composition's", async () => {
  const schema = await buildAppSchema([
    ...schemaShape().resolvers,
    new PingResolver({ ping: () => "pong from the service" }),
  ]);
  const result = await graphql({ schema, source: "{ ping }", contextValue: {} });
  expect(result).toEqual({ data: { ping: "pong from the service" } });
  expect(schema.getQueryType()?.getFields().me).toBeDefined();
});

test("a resolver class without an instance is an error, never a resolver without its services", () => {
  const { container } = resolversOf([new PingResolver({ ping: () => "x" })]);
  class Forgotten {}
  expect(() => container.get(Forgotten, {} as never)).toThrow(/No instance of Forgotten/);
});

test("the resolver list is the instances' classes, each built once", () => {
  const ping = new PingResolver({ ping: () => "x" });
  expect(resolversOf([ping]).resolvers).toEqual([PingResolver]);
  expect(() => resolversOf([ping, new PingResolver({ ping: () => "y" })])).toThrow(/Two instances/);
  expect(() => resolversOf([])).toThrow(/at least one/);
});

test("the schema shape's database is never opened: using it says so", async () => {
  await expect(schemaShape().outbox.backlog()).rejects.toThrow(/no database is open/);
});
