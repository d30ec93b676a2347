using GraphQL;
using GraphQL.Types;

namespace Hologram.Samples.Service;

/// <summary>The GraphQL schema: <c>search(text)</c> and <c>resolve(cid)</c> over the marketplace.</summary>
internal sealed class MarketSchema : Schema
{
    public MarketSchema(Marketplace market) => Query = new MarketQuery(market);

    private sealed class MarketQuery : ObjectGraphType
    {
        public MarketQuery(Marketplace market)
        {
            Name = "Query";
            Field<ListGraphType<NonNullGraphType<ListingGraphType>>>("search")
                .Argument<NonNullGraphType<StringGraphType>>("text")
                .Resolve(context => market.Search(context.GetArgument<string>("text")));
            Field<ListingGraphType>("resolve")
                .Argument<NonNullGraphType<StringGraphType>>("cid")
                .Resolve(context => market.Resolve(context.GetArgument<string>("cid")));
        }
    }
}
