using GraphQL.Types;

namespace Hologram.Samples.Service;

/// <summary>The GraphQL type of a <see cref="Listing"/>.</summary>
internal sealed class ListingGraphType : ObjectGraphType<Listing>
{
    public ListingGraphType()
    {
        Name = "Listing";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("cid").Resolve(c => c.Source.Cid);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Resolve(c => c.Source.Tags);
        Field<NonNullGraphType<StringGraphType>>("publishedAt").Resolve(c => c.Source.PublishedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }
}
