namespace RelationsGraph.Ingestion.Sources;

/// <summary>How the service fetches from the web. Section <c>RelationsGraph:Fetch</c>.</summary>
public sealed class FetchOptions
{
    /// <summary>Who to contact about this crawler (an e-mail address or a web page); part of the User-Agent, so that a newsroom's operator can reach a person.</summary>
    public string? Contact { get; set; }

    /// <summary>Requests per second to one host (default 1); 0 turns the limit off.</summary>
    public double RequestsPerSecondPerHost { get; set; } = 1;

    /// <summary>Seconds one attempt may take, from sending the request to the last byte of the headers.</summary>
    public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Seconds one request may take with all its retries.</summary>
    public double TotalTimeoutSeconds { get; set; } = 90;

    /// <summary>Retries of 5xx, 408, 429, timeouts and connection failures (exponential backoff with jitter from <see cref="RetryDelaySeconds"/>, or the server's Retry-After).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay in seconds when the server gives no Retry-After.</summary>
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>A Retry-After longer than this is not waited for in the request: the item is tried again after it, on a later pass.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>The circuit of a host opens when half of at least <see cref="CircuitMinimumThroughput"/> attempts within a minute failed, and stays open this long: requests fail fast and are tried later.</summary>
    public double CircuitBreakSeconds { get; set; } = 30;

    /// <summary>Attempts to a host within a minute before its circuit may open.</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>Pages of a feed fetched ahead while the one before is written (each still waits for its host's turn); they are ingested in order.</summary>
    public int FetchAhead { get; set; } = 4;

    /// <summary>Largest response body accepted, in bytes (50 MB, as for files).</summary>
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most redirects followed for one request; a loop is refused at once.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Addresses or CIDR ranges that may be reached although they are loopback, link-local or private
    /// (for example "127.0.0.1" or "10.20.0.0/16"). Empty by default: a submitted URL cannot reach inside the network.
    /// </summary>
    public List<string> AllowedPrivateAddresses { get; set; } = [];

    /// <summary>Minutes a host's robots.txt is kept before it is read again.</summary>
    public double RobotsCacheMinutes { get; set; } = 60;

    /// <summary>First wait before an item that could not be fetched is tried again; doubled per failed attempt up to <see cref="MaxRetryBackoffSeconds"/>.</summary>
    public double RetryBackoffSeconds { get; set; } = 60;

    /// <summary>Longest wait between two tries of a failing item (default 6 hours).</summary>
    public double MaxRetryBackoffSeconds { get; set; } = 6 * 3600;

    /// <summary>The User-Agent sent with every request: the service's name, its version and the contact.</summary>
    public string UserAgent => $"RelationsGraph/1.0 (+{(string.IsNullOrWhiteSpace(Contact) ? "no contact configured" : Contact.Trim())})";

    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string RobotsToken = "RelationsGraph";
}

/// <summary>The newsrooms the worker follows. Section <c>RelationsGraph:Sources</c>.</summary>
public sealed class SourcesOptions
{
    /// <summary>Feeds to follow (RSS 2.0, Atom or JSON Feed).</summary>
    public List<FeedSource> Feeds { get; set; } = [];

    /// <summary>Seconds between two polls of a feed, unless the feed sets its own (default 15 minutes).</summary>
    public double PollSeconds { get; set; } = 900;
}

/// <summary>One newsroom feed.</summary>
public sealed class FeedSource
{
    /// <summary>A short name, shown in logs and in <c>sources status</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The feed's address (http or https).</summary>
    public string Url { get; set; } = "";

    /// <summary>The language of its releases (<c>de</c> or <c>en</c>) when the pages do not say it reliably; else detected.</summary>
    public string? Language { get; set; }

    /// <summary>Who publishes the releases (for example "Staatskanzlei Nordrhein-Westfalen"), recorded with each document fetched from this feed.</summary>
    public string? Publisher { get; set; }

    /// <summary>Seconds between two polls of this feed (default: <see cref="SourcesOptions.PollSeconds"/>).</summary>
    public double? PollSeconds { get; set; }
}
