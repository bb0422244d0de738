using GraphQL.Types;
using RelationsGraph.Api.Common;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Agreements;

public sealed class AgreementStatusType : EnumerationGraphType<AgreementStatus>
{
    public AgreementStatusType() => Name = "AgreementStatus";
}

public sealed class AgreementType : EntityType<Agreement>
{
    public AgreementType() : base("Agreement", "An agreement, memorandum or standing cooperation between places or organizations.")
    {
        Field(x => x.Title);
        Field(x => x.Kind);
        Field(x => x.Count, nullable: true).Description("How many agreements the source speaks of (\"zwei Kooperationsabkommen\").");
        Field(x => x.Status, type: typeof(NonNullGraphType<AgreementStatusType>)).Description("The latest action the sources report.");
        Field<StringGraphType>("date").Description("Date of that action, to the precision the source gives.").Resolve(ctx => ctx.Source.Date?.ToString());
        Field<DatePrecisionType>("datePrecision").Resolve(ctx => ctx.Source.Date?.Precision);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("parties")
            .Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.Party, Direction.Outgoing));
    }
}

public sealed class AgreementEdgeType() : EdgeGraphType<AgreementType, Agreement>("Agreement");

public sealed class AgreementConnectionType() : ConnectionGraphType<AgreementType, AgreementEdgeType, Agreement>("Agreement");

public sealed class StatisticQualifierType : EnumerationGraphType<StatisticQualifier>
{
    public StatisticQualifierType() => Name = "StatisticQualifier";
}

public sealed class StatisticType : EntityType<Statistic>
{
    public StatisticType() : base("Statistic", "A figure a press release reports: residents, companies, employees, cooperations, years of relations.")
    {
        Field(x => x.Subject);
        Field(x => x.Metric);
        Field<NonNullGraphType<FloatGraphType>>("value").Resolve(ctx => (double)ctx.Source.Value);
        Field(x => x.Qualifier, type: typeof(NonNullGraphType<StatisticQualifierType>));
        Field(x => x.Unit, nullable: true);
        Field<StringGraphType>("asOf").Resolve(ctx => ctx.Source.AsOf?.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("about")
            .Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.About, Direction.Outgoing));
    }
}
