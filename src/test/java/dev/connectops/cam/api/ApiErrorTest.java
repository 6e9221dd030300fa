package dev.connectops.cam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void describeJoinsTitleDetailCodeAndPointer() {
        assertEquals("Bad: worse (code c1, at /spec/x)", new ApiError("400", "c1", "Bad", "worse", "/spec/x").describe());
    }

    @Test
    void describeLeavesOutADetailThatRepeatsTheTitle() {
        assertEquals("Not Found", new ApiError("404", null, "Not Found", "Not Found", null).describe());
    }

    @Test
    void describeWithOnlyACodeStillSaysSomething() {
        assertEquals("(code out_of_gas)", new ApiError(null, "out_of_gas", null, null, "").describe());
    }

    @Test
    void describeOfNothingIsEmpty() {
        assertEquals("", new ApiError("500", " ", null, "", null).describe());
    }
}
