import {
  isEnumType,
  isInputObjectType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
} from "graphql";

/**
 * Every type, field, argument and enum value of a schema that carries no description (the schema is
 * the API's documentation; both schemas' tests require this list to be empty). Built-in scalars and
 * the root types themselves are exempt.
 */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      type.name.startsWith("__") ||
      ["String", "Int", "Boolean", "Float", "ID"].includes(type.name)
    )
      continue;
    if (!type.description && !["Query", "Mutation"].includes(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type))
      for (const field of Object.values<GraphQLField<unknown, unknown> | GraphQLInputField>(
        type.getFields(),
      )) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : [])
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    if (isEnumType(type))
      for (const value of type.getValues())
        if (!value.description) missing.push(`${type.name}.${value.name}`);
    if (isUnionType(type) && !type.description) missing.push(type.name);
  }
  return missing;
}
