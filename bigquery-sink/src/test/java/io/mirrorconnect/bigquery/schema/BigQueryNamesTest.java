package io.mirrorconnect.bigquery.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BigQueryNamesTest {

    @Test
    void validNamesAreKept() {
        assertThat(BigQueryNames.table("orders")).isEqualTo("orders");
        assertThat(BigQueryNames.table("Order Lines-2024_ü")).isEqualTo("Order Lines-2024_ü");
        assertThat(BigQueryNames.column("Column With Spaces")).isEqualTo("Column With Spaces");
        assertThat(BigQueryNames.column("a&b%c=d+e:f'g<h>i#j|k")).isEqualTo("a&b%c=d+e:f'g<h>i#j|k");
    }

    @Test
    void charactersBigQueryForbidsBecomeUnderscores() {
        assertThat(BigQueryNames.table("Odd \"Table\" Name")).isEqualTo("Odd _Table_ Name");
        assertThat(BigQueryNames.table("a.b/c'd")).isEqualTo("a_b_c_d");
        assertThat(BigQueryNames.column("Quote\"Col")).isEqualTo("Quote_Col");
        assertThat(BigQueryNames.column("dotted.name")).isEqualTo("dotted_name");
        assertThat(BigQueryNames.column("tab\there")).isEqualTo("tab_here");
    }
}
