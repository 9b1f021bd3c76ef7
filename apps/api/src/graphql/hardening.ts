import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, Kind, type ValidationRule } from "graphql";

/**
 * One mutation per request: aliases or repeated fields must not let one HTTP request try many
 * postal codes or passwords. (Batched HTTP requests are off as well.)
 */
export const singleMutationFieldRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== "mutation") return;
    let fields = 0;
    const visit = (selections: readonly import("graphql").SelectionNode[]) => {
      for (const selection of selections) {
        if (selection.kind === Kind.FIELD) fields += selection.name.value === "__typename" ? 0 : 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections);
        else {
          const fragment = context.getFragment(selection.name.value);
          if (fragment) visit(fragment.selectionSet.selections);
        }
      }
    };
    visit(node.selectionSet.selections);
    if (fields > 1) {
      context.reportError(new GraphQLError("A request may run one mutation at a time.", { nodes: [node] }));
    }
  },
});

/** Limits on the shape of operations (graphql-armor): aliases, depth, tokens, cost; no field suggestions. */
export function graphqlArmor() {
  return new ApolloArmor({
    maxAliases: { n: 5 },
    maxDepth: { n: 8, ignoreIntrospection: true },
    maxTokens: { n: 2000 },
    costLimit: { maxCost: 2000, ignoreIntrospection: true },
    maxDirectives: { n: 10 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
