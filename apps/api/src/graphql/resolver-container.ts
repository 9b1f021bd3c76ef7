import type { ContainerType, NonEmptyArray } from "type-graphql";

type ResolverClass = new (...args: never[]) => unknown;

/**
 * The schema's resolver list, derived from the instances the features built (one list, no
 * second one to forget), and a container that hands type-graphql exactly those instances: a class
 * with no instance is an error at build time, never a `new SomeResolver()` without its services.
 */
export function resolversOf(instances: object[]): {
  resolvers: NonEmptyArray<ResolverClass>;
  container: ContainerType;
} {
  const byClass = new Map<unknown, object>(
    instances.map((instance) => [instance.constructor, instance]),
  );
  if (byClass.size !== instances.length)
    throw new Error("Two instances of one resolver class: each resolver is built once.");
  const classes = [...byClass.keys()] as ResolverClass[];
  if (classes.length === 0) throw new Error("A schema needs at least one resolver instance.");
  return {
    resolvers: classes as NonEmptyArray<ResolverClass>,
    container: {
      get(someClass: ResolverClass) {
        const instance = byClass.get(someClass);
        if (!instance)
          throw new Error(`No instance of ${someClass.name}: create it in its feature's factory.`);
        return instance;
      },
    },
  };
}
