// One knowledge-base document of a bot (prices, hours, FAQ ...): plain UTF-8 text up to 1 MB.
package app.botfactory.bots.domain;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "knowledge_documents")
public class KnowledgeDocument {

    @Id
    public UUID id;

    @Column(name = "bot_id", nullable = false)
    public UUID botId;

    @Column(nullable = false, length = 200)
    public String title;

    /** Loaded only when needed: lists show title and size, never the megabyte of text. */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public String content;

    @Column(nullable = false)
    public int chars;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
