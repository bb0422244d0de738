using GraphQL.Types;
using RelationsGraph.Api.Common;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Search;

public sealed class EntityEdgeType() : EdgeGraphType<EntityInterface, GraphNode>("Entity");

public sealed class EntityConnectionType() : ConnectionGraphType<EntityInterface, EntityEdgeType, GraphNode>("Entity");
