import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type SelectionNode,
  type ValidationRule,
} from "graphql";
import type { Logger } from "../logging/logger";
import { maskErrors } from "./error-masking";

/**
 * One mutation per request: aliases or repeated fields must not let one HTTP request try many
 * postal codes or passwords. (Batched HTTP requests are off as well.)
 */
export const singleMutationFieldRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== OperationTypeNode.MUTATION) return;
    let fields = 0;
    const visit = (selections: readonly SelectionNode[]) => {
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
      context.reportError(
        new GraphQLError("A request may run one mutation at a time.", { nodes: [node] }),
      );
    }
  },
});

/** The API has no subscriptions: say so as a request error (400), not as a failure of the server. */
export const noSubscriptionsRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === OperationTypeNode.SUBSCRIPTION) {
      context.reportError(new GraphQLError("This API has no subscriptions.", { nodes: [node] }));
    }
  },
});

/**
 * At most this many tokens in a document, enforced by graphql-js's own parser (Apollo's `parseOptions`):
 * a longer one is a parse error, answered 400. (graphql-armor's token limit refuses from a plugin
 * hook, which Apollo answers 500 and logs as a failure of the server.)
 */
export const MAX_TOKENS = 2000;

/** Limits on the shape of operations (graphql-armor): aliases, depth, cost, directives; no field suggestions. */
export function graphqlArmor() {
  return new ApolloArmor({
    maxAliases: { n: 5 },
    maxDepth: { n: 8, ignoreIntrospection: true },
    maxTokens: { enabled: false },
    costLimit: { maxCost: 2000, ignoreIntrospection: true },
    maxDirectives: { n: 10 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/**
 * The options every endpoint shares (public and support): no batching, CSRF prevention, armor's
 * limits, one mutation field a request, no subscriptions, bounded parsing, masked errors. The
 * process stops Apollo itself (main.ts), once, in order: Apollo's own signal handler would stop it a
 * second time, a call that never returns.
 */
export function hardenedOptions(settings: { introspection: boolean; log: Logger }) {
  const armor = graphqlArmor();
  return {
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    validationRules: [...armor.validationRules, singleMutationFieldRule, noSubscriptionsRule],
    parseOptions: { maxTokens: MAX_TOKENS },
    introspection: settings.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(settings.log),
    logger: settings.log,
    armorPlugins: armor.plugins,
  };
}
