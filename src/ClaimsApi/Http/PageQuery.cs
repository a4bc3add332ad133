using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Http;

/// <summary>The paging parameters every list takes.</summary>
public abstract record PageQuery
{
    [FromQuery(Name = "limit"), Description("Page size, 1 to 100 (default 20).")]
    [ParameterSchema(Type = "integer", Default = "20")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description("The cursor of the next page, from the previous page's nextCursor.")]
    public string? Cursor { get; init; }
}
